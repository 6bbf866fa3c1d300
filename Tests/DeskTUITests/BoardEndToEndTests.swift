import Foundation
import XCTest

/// The lead's SLA board in a real terminal at 80x24: opened with L, filtered, kept live by
/// another process's change, and Enter opening the most urgent ticket.
final class BoardEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    func testTheBoardIsLiveFilterableAndOpensTickets() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let json = try DeskBinary.run(["sla", "board", "--db", db, "--now", now, "--json", "--limit", "1"]).stdout
        let board = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let open = try XCTUnwrap(board["open"] as? Int)
        let top = try XCTUnwrap((board["tickets"] as? [[String: Any]])?.first)
        let topId = try XCTUnwrap(top["id"] as? Int)

        let lead = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try lead.press("L")
        // The hint line is drawn last: under load a capture can catch the header of a frame still being painted.
        _ = try lead.waitFor("SLA board · all branches · all tiers · \(open) open")
        var screen = try lead.waitFor("Enter open  e escalations  b branch  t tier")
        XCTAssertTrue(screen.contains("SLA board · all branches · all tiers · \(open) open"), screen)
        XCTAssertTrue(screen.contains("breach"), screen)
        XCTAssertTrue(screen.contains("Enter open  e escalations  b branch  t tier"), screen)

        // Another agent solves the most urgent ticket: the board follows without a key.
        let r = try DeskBinary.run([
            "ticket", "status", "\(topId)", "solved", "--db", db, "--agent", "ada", "--now", now,
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        try lead.waitFor("· \(open - 1) open", timeout: 3)

        // Filters: the first branch, then VIP customers of it; Esc closes, L opens again.
        try lead.press("b")
        screen = try lead.waitFor("SLA board · Billing L1 · all tiers")
        try lead.press("t")
        try lead.waitFor("SLA board · Billing L1 · standard customers")
        try lead.press("Escape")
        try lead.waitFor("desk · Open")
        try lead.press("L")
        screen = try lead.waitFor("SLA board · all branches")

        // Enter opens the selected (most urgent) ticket in the ticket pane.
        let row = try XCTUnwrap(
            screen.split(separator: "\n").first {
                $0.contains("first reply") || $0.contains("resolution") || $0.contains("next reply")
            })
        let id = try XCTUnwrap(row.split(separator: " ").first.flatMap { Int($0) })
        try lead.press("Enter")
        try lead.waitFor("#\(id) ")
        try lead.press("q")
    }
}
