import DeskModel
import Foundation
import GRDB
import XCTest

/// The README's first command on a fresh machine: `desk demo` (and `init`, `seed`) into a path
/// whose folders do not exist yet makes them, and the database it writes opens.
final class FreshFolderTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "desk-fresh-" + UUID().uuidString
        XCTAssertFalse(FileManager.default.fileExists(atPath: root))
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func tickets(in path: String) throws -> Int {
        let db = try DeskDatabase.open(path: path, create: false)
        return try db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tickets") ?? -1 }
    }

    func testDemoIntoFoldersThatDoNotExistYet() throws {
        let path = root + "/new/dir/desk.sqlite"
        let r = try DeskBinary.run(["demo", "--db", path, "--now", "2026-11-21T10:00:00Z"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/new/dir/policy.yaml"), "the demo ships its policy")
        XCTAssertEqual(try tickets(in: path), 200)
        let list = try DeskBinary.run(["ticket", "list", "--db", path])
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertFalse(list.stdout.isEmpty)
    }

    func testInitIntoFoldersThatDoNotExistYetWithThePolicyElsewhere() throws {
        let path = root + "/a/b/desk.sqlite"
        let policy = root + "/c/d/policy.yaml"
        let r = try DeskBinary.run(["init", "--db", path, "--policy", policy])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try tickets(in: path), 0)
        let check = try DeskBinary.run(["policy", "check", policy])
        XCTAssertEqual(check.status, 0, check.stderr)
    }

    func testSeedAndTemplateExportIntoFoldersThatDoNotExistYet() throws {
        let path = root + "/s/t/desk.sqlite"
        let r = try DeskBinary.run(["seed", "--db", path, "--tickets", "3", "--messages-per-ticket", "1"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try tickets(in: path), 3)
        let demo = root + "/demo/desk.sqlite"
        XCTAssertEqual(try DeskBinary.run(["demo", "--db", demo]).status, 0)
        let export = try DeskBinary.run(["template", "export", root + "/x/y/templates", "--db", demo])
        XCTAssertEqual(export.status, 0, export.stderr)
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: root + "/x/y/templates").isEmpty)
    }
}
