import Foundation
import XCTest

/// Commands that only read need no agent (issue 20 point 18; docs/cli.md): each runs on the demo
/// with no `--agent`, no `DESK_AGENT` and a `$USER` that is no agent. Only the personal views
/// (`ticket list --view mine`, `notifications`) ask whose.
final class ReadOnlyCommandTests: XCTestCase {
    func testEveryReadOnlyCommandRunsWithoutAnAgent() throws {
        let db = try DeskBinary.demoDatabase()
        let dir = (db as NSString).deletingLastPathComponent
        let commands: [[String]] = [
            ["ticket", "list"], ["ticket", "list", "--view", "unassigned"], ["ticket", "list", "--view", "all", "--json"],
            ["ticket", "show", "1"], ["ticket", "show", "1", "--json"], ["ticket", "route", "5", "--explain"],
            ["template", "list"], ["template", "stats"], ["template", "suggest", "1"], ["template", "export", dir + "/tpl"],
            ["outbox", "list"], ["attachment", "list", "1"], ["sla", "explain", "85"], ["sla", "board"],
            ["escalation", "draft", "85"], ["escalation", "draft", "85", "--json"], ["escalation", "list"],
            ["escalation", "overview"], ["report", "escalations"], ["incident", "list"],
            ["policy", "check", dir + "/policy.yaml"], ["keymap"],
        ]
        for c in commands {
            let r = try DeskBinary.run(c + ["--db", db, "--now", "2026-11-21T10:00:00Z"], env: ["USER": "nobody-here"])
            XCTAssertEqual(r.status, 0, "desk \(c.joined(separator: " ")): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("no agent"), "desk \(c.joined(separator: " ")): \(r.stderr)")
        }
        // The draft without an agent is signed by the ticket's assignee (else the team), not left blank.
        let draft = try DeskBinary.run(["escalation", "draft", "85", "--db", db], env: ["USER": "nobody-here"])
        XCTAssertTrue(draft.stdout.contains("Customer update"), draft.stdout)
        // An unknown agent named is still an error, not silently ignored.
        let unknown = try DeskBinary.run(["escalation", "draft", "85", "--db", db, "--agent", "zed"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("zed"), unknown.stderr)
        for personal in [["ticket", "list", "--view", "mine"], ["notifications"]] {
            let r = try DeskBinary.run(personal + ["--db", db], env: ["USER": "nobody-here"])
            XCTAssertNotEqual(r.status, 0, personal.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains("no agent given"), r.stderr)
        }
    }
}
