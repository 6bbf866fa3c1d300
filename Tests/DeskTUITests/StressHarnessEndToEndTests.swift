import Foundation
import XCTest

/// `desk stress` run small through the real binary: four agent processes, three seconds, one
/// killed with SIGKILL; every check must pass. Timing is the bench's business, never asserted here.
final class StressHarnessEndToEndTests: XCTestCase {
    struct Report: Decodable {
        struct Figures: Decodable {
            var processes: Int
            var kills: Int
            var done: Int
        }
        struct Check: Decodable {
            var check: String
            var passed: Bool
            var detail: String
        }
        var figures: Figures
        var checks: [Check]
        var passed: Bool
    }

    func testFourAgentsOneKilledLoseNothing() throws {
        let db = try DeskBinary.demoDatabase()
        let r = try DeskBinary.run([
            "stress", "--db", db, "--agents", "4", "--seconds", "3", "--kill-every", "1.5", "--tickets", "2", "--json",
        ])
        let report = try JSONDecoder().decode(Report.self, from: Data(r.stdout.utf8))
        for c in report.checks { XCTAssertTrue(c.passed, "\(c.check): \(c.detail)") }
        XCTAssertTrue(report.passed)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(report.checks.count, 9, report.checks.map(\.check).joined(separator: "\n"))
        XCTAssertEqual(report.figures.kills, 1)
        XCTAssertEqual(report.figures.processes, 5, "the killed worker was replaced")
        XCTAssertGreaterThan(report.figures.done, 0)
    }

    func testAFailedCheckExitsNonZero() throws {
        let db = try DeskBinary.demoDatabase()
        let dir = (db as NSString).deletingLastPathComponent + "/run"
        let first = try DeskBinary.run([
            "stress", "--db", db, "--agents", "2", "--seconds", "1", "--kill-every", "0", "--tickets", "1", "--dir", dir,
        ])
        XCTAssertEqual(first.status, 0, first.stdout + first.stderr)
        // A change no worker made, on the run's hot ticket, then the same run checked again.
        struct Plan: Decodable { var tickets: [Int64] }
        let plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/plan.json")))
        let hot = String(try XCTUnwrap(plan.tickets.first))
        struct Shown: Decodable { var priority: String }
        let shown = try DeskBinary.run(["ticket", "show", hot, "--db", db, "--json"])
        let current = try JSONDecoder().decode(Shown.self, from: Data(shown.stdout.utf8)).priority
        let priority = current == "urgent" ? "low" : "urgent"
        let change = try DeskBinary.run(["ticket", "priority", hot, priority, "--db", db, "--agent", "ada"])
        XCTAssertEqual(change.status, 0, change.stderr)
        let again = try DeskBinary.run(["stress", "--db", db, "--recheck", dir])
        XCTAssertNotEqual(again.status, 0)
        XCTAssertTrue(again.stdout.contains("FAIL  no write reported refused or failed is stored"), again.stdout)
        XCTAssertTrue(again.stdout.contains("ticket.priority by ada on #\(hot): no worker reported it done"), again.stdout)
    }
}
