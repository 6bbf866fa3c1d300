import Foundation
import XCTest

/// `desk notifications` through the real binary: the list as JSON, marking read, and a note's
/// unknown mention reported while the note is stored.
final class NotificationCommandTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    func json(_ output: DeskBinary.Output) throws -> [[String: Any]] {
        XCTAssertEqual(output.status, 0, output.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]], output.stdout)
    }

    func testListMarkReadAndUnknownMentions() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        func desk(_ args: String...) throws -> DeskBinary.Output {
            try DeskBinary.run(args + ["--db", db, "--now", now])
        }
        let new = try desk(
            "ticket", "new", "--agent", "ada", "--customer", "new.person@example.com", "--subject", "Cannot export invoices",
            "--channel", "web", "--body", "The export button is grey.", "--json")
        let ticket = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(new.stdout.utf8)) as? [String: Any])?["id"] as? Int, new.stderr)
        // The demo leaves chloe customer replies to read; start from none.
        let demo = try desk("notifications", "read", "--all", "--agent", "chloe")
        XCTAssertTrue(demo.stdout.hasPrefix("Marked "), demo.stdout + demo.stderr)
        XCTAssertEqual(try desk("ticket", "assign", "\(ticket)", "chloe", "--agent", "ada").status, 0)

        var list = try json(try desk("notifications", "--agent", "chloe", "--unread", "--json"))
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(list[0]["kind"] as? String, "assigned")
        XCTAssertEqual(list[0]["ticket"] as? Int, ticket)
        XCTAssertEqual(list[0]["subject"] as? String, "Cannot export invoices")
        XCTAssertEqual(list[0]["causedBy"] as? String, "ada")
        XCTAssertEqual(list[0]["text"] as? String, "ada assigned it to you")
        XCTAssertEqual(list[0]["createdAt"] as? String, now)
        XCTAssertEqual(list[0]["read"] as? Bool, false)
        XCTAssertNil(list[0]["readAt"])
        let assigned = try XCTUnwrap(list[0]["id"] as? Int)

        let note = try desk("ticket", "note", "\(ticket)", "--agent", "ada", "--body", "@chloe and @zed: see the export log")
        XCTAssertEqual(note.status, 0, note.stderr)
        XCTAssertTrue(note.stdout.contains("Noted on #\(ticket)"), note.stdout)
        XCTAssertEqual(note.stderr, "no agent @zed: not notified\n")

        let text = try desk("notifications", "--unread", "--agent", "chloe")
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, text.stdout)
        XCTAssertTrue(lines[0].hasPrefix("●") && lines[0].contains("#\(ticket)") && lines[0].contains("mentioned"), lines[0])
        XCTAssertTrue(
            lines[0].contains("ada mentioned you: @chloe and @zed: see the export log — Cannot export invoices"), lines[0])
        XCTAssertEqual(lines[2], "2 unread.")

        XCTAssertEqual(try desk("notifications", "read", "\(assigned)", "--agent", "chloe").stdout, "Marked 1 read.\n")
        list = try json(try desk("notifications", "--agent", "chloe", "--json", "--limit", "2"))
        XCTAssertEqual(list.map { $0["read"] as? Bool }, [false, true])
        XCTAssertEqual(list[1]["id"] as? Int, assigned)
        XCTAssertEqual(list[1]["readAt"] as? String, now)

        let stranger = try desk("notifications", "read", "99999", "--agent", "chloe")
        XCTAssertNotEqual(stranger.status, 0)
        XCTAssertTrue(stranger.stderr.contains("you have no notification #99999."), stranger.stderr)
        XCTAssertNotEqual(try desk("notifications", "read", "--agent", "chloe").status, 0, "ids or --all")
        XCTAssertEqual(try desk("notifications", "read", "--all", "--agent", "chloe").stdout, "Marked 1 read.\n")
        XCTAssertEqual(try json(try desk("notifications", "--agent", "chloe", "--unread", "--json")).count, 0)
        XCTAssertEqual(try desk("notifications", "--agent", "chloe", "--unread").stdout, "No unread notifications.\n")
    }
}
