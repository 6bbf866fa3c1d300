import Foundation
import XCTest

/// Two agents, two real consoles on one database: tier 1 escalates through the composer, tier 2
/// sees it arrive live on the lead's escalation view, returns it with a reason, and tier 1 sees
/// the bounce without pressing a key.
final class EscalationEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:40:00Z"

    func testTierOneEscalatesTierTwoReturnsItAndTierOneSeesTheBounce() throws {
        let db = try DeskBinary.demoDatabase(now: "2026-11-21T10:00:00Z")
        let chloe = try launchConsole(db, width: 120, height: 40, agent: "chloe", now: now)
        let grace = try launchConsole(db, width: 80, height: 24, agent: "grace", now: now)

        // Grace (Technical L2) watches the escalation view: nothing waiting yet.
        try grace.press("L")
        try grace.waitFor("SLA board")
        try grace.press("e")
        try grace.waitFor("Escalations · 0 waiting")

        // Chloé opens #7 and its escalation panel: a late trigger, nothing open.
        try chloe.type(":open 7")
        try chloe.press("Enter")
        try chloe.waitFor("#7 ")
        try chloe.press("E")
        try chloe.waitFor("none open · e opens the composer")
        // The composer refuses an incomplete package and says why.
        try chloe.press("e")
        try chloe.waitFor("Escalate #7")
        try chloe.press("S")
        try chloe.waitFor(all: ["not ready: 5 problems", "✗ Next actions: no next action for Technical L2"])
        // Name the next action (the cursor is on it: the list opens in the editor), tick the four
        // missing items, submit.
        try chloe.press("Enter")
        try chloe.waitFor("Escalation #7 · Next actions")
        try chloe.type("Check the Initech mail relay logs for the reset mails")
        try chloe.press("Escape")
        try chloe.waitFor("Technical L2: Check the Initech mail relay logs")
        for _ in 0..<4 { try chloe.press("j", "Space") }
        // A sixth summary claim, written in the editor over the ticket's history: the editor holds
        // the five drafted claims as a list, and a new empty item below them for this one.
        try chloe.press("o")
        let screen = try chloe.waitFor(all: [
            "Escalation #7 · Summary",
            "- Priya Schmidt (standard, Initech) reports: Password reset email never arrives [#1]",
            "- Last internal note (Chloé Martin): Bounce reason: 550 5.7.1 policy rejection",
            "│ -" + String(repeating: " ", count: 20),
        ])
        let items = screen.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        XCTAssertEqual(items.filter { $0.hasPrefix("- ") }.count, 5, screen)
        XCTAssertEqual(items.filter { $0 == "-" }.count, 1, "one new, empty item: \(screen)")
        try chloe.type("Reset mails stop at the Initech relay [#1]")
        try chloe.press("Escape")
        try chloe.waitFor(all: ["Escalate #7", "Summary: 6 claims", "Reset mails stop at the Initech relay [#1]"])
        try chloe.press("S")
        try chloe.waitFor("#7: Escalated to Technical L2.")
        try chloe.waitFor(all: ["Escalation #1: requested", "Requested by chloe (Technical L1)"])

        // Grace's view shows it without a key; Enter opens it on the panel; she returns it.
        try grace.waitFor(all: ["Escalations · 1 waiting", "#7 Password reset email never arrives"])
        // The selection stayed on the line it was on; the new one is at the top.
        try grace.press("g", "Enter")
        try grace.waitFor("a accept · r return")
        try grace.press("r")
        try grace.waitFor("Why does it go back? (required)")
        try grace.press("Enter")
        try grace.waitFor("a reason is required")
        try grace.type("Need the customer's mail server logs first")
        try grace.press("Enter")
        try grace.waitFor("#7: Returned escalation #1.")

        // Chloé sees the bounce and the reason live, and owns the ticket again.
        try chloe.waitFor(all: [
            "↩ bounced 1×", "#1 returned", "Need the customer's mail server logs first", "owner Chloé Martin",
        ])
        try chloe.press("q")
        try grace.press("q")
        try assertTerminalRestored(chloe, db, agent: "chloe")
        try assertTerminalRestored(grace, db, agent: "grace")
    }
}
