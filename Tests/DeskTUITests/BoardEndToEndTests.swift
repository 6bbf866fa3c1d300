import Foundation
import XCTest

/// The lead's SLA board in a real terminal at 80x24: opened with L, filtered, kept live by
/// another process's change, and Enter opening the most urgent ticket.
final class BoardEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    /// The board as the CLI computes it at the same instant: open count and the most urgent ticket.
    func board(_ db: String) throws -> (open: Int, top: Int) {
        let json = try DeskBinary.run(["sla", "board", "--db", db, "--now", now, "--json", "--limit", "1"]).stdout
        let board = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let top = try XCTUnwrap((board["tickets"] as? [[String: Any]])?.first)
        return (try XCTUnwrap(board["open"] as? Int), try XCTUnwrap(top["id"] as? Int))
    }

    func testTheBoardIsLiveFilterableAndOpensTickets() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let (open, topId) = try board(db)

        let lead = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try lead.press("L")
        // Header, the most urgent ticket's row first, the selection on it, and the hint line: one frame.
        try lead.waitFor(all: [
            "SLA board · all branches · all tiers · \(open) open", rowStart(topId), "[SLA board] 1/\(open)",
            "Enter open  e escalations  b branch  t tier",
        ])

        // Another agent solves the most urgent ticket: the board follows without a key.
        let r = try DeskBinary.run([
            "ticket", "status", "\(topId)", "solved", "--db", db, "--agent", "ada", "--now", now,
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let (left, next) = try board(db)
        XCTAssertEqual(left, open - 1)
        try lead.waitFor(all: ["· \(open - 1) open", rowStart(next)])
        // The solved ticket leaves the board (waited for: a half-painted frame may still hold it).
        try lead.waitForAbsence(rowStart(topId))

        // Filters: the first branch, then VIP customers of it; Esc closes, L opens again.
        try lead.press("b")
        try lead.waitFor("SLA board · Billing L1 · all tiers")
        try lead.press("t")
        try lead.waitFor("SLA board · Billing L1 · standard customers")
        try lead.press("Escape")
        try lead.waitFor("desk · Open")
        try lead.press("L")
        try lead.waitFor(all: [
            "SLA board · all branches · all tiers · \(open - 1) open", rowStart(next), "[SLA board] 1/\(open - 1)",
        ])

        // Enter opens the selected (most urgent) ticket in the ticket pane.
        try lead.press("Enter")
        try lead.waitFor("#\(next) ")
        try lead.press("q")
    }

    /// A board that cannot load says why and goes back to the queue at once, without waiting for
    /// a key; Tab and j scroll the agent table to what "+N more" summed.
    func testABoardThatFailsToLoadIsNotLeftLoadingAndItsTablesScroll() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let lead = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try lead.waitFor("desk · Open")
        try lead.type(":board Nope")
        try lead.press("Enter")
        try lead.waitFor(all: ["no branch named 'Nope'", "desk · Open"])
        try lead.waitForAbsence("Loading the SLA board")
        XCTAssertFalse(try lead.screen().contains("SLA board ·"), "the board closed")

        try lead.press("L")
        try lead.waitFor(all: ["Technic… L1", "Technic… L2", "more"])
        try lead.press("Tab")
        try lead.press("Tab")
        try lead.press("G")
        try lead.waitFor("Agent ↑")
        try lead.press("q")
    }
}
