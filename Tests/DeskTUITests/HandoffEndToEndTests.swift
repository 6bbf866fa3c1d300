import Foundation
import XCTest

/// The handoff read by its receiver, through two real consoles on one database: tier 1 escalates
/// from the composer; tier 2 opens the ticket, reads the whole package with E, scrolls to its end
/// and follows a citation to the message it names.
final class HandoffEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:40:00Z"

    func testTierTwoReadsThePackageToTheEndAndFollowsACitation() throws {
        let db = try DeskBinary.demoDatabase(now: "2026-11-21T10:00:00Z")
        let chloe = try launchConsole(db, width: 120, height: 40, agent: "chloe", now: now)
        let grace = try launchConsole(db, width: 80, height: 24, agent: "grace", now: now)

        // Chloé (Technical L1) escalates #7: names the next action, ticks what is missing, submits.
        try chloe.type(":open 7")
        try chloe.press("Enter")
        try chloe.waitFor("#7 ")
        try chloe.press("e")
        try chloe.waitFor("Escalate #7")
        try chloe.press("S")
        try chloe.waitFor("✗ Next actions: no next action for Technical L2")
        try chloe.press("Enter")
        try chloe.waitFor("Escalation #7 · Next actions")
        try chloe.type("Check the Initech relay logs for the reset mails")
        try chloe.press("Escape")
        try chloe.waitFor("Technical L2: Check the Initech relay logs")
        for _ in 0..<4 { try chloe.press("j", "Space") }
        try chloe.press("S")
        try chloe.waitFor("#7: Escalated to Technical L2.")

        // Grace (Technical L2) opens it and reads the package: it starts with who asked.
        try grace.type(":open 7")
        try grace.press("Enter")
        try grace.waitFor("#7 Password reset")
        try grace.press("E")
        try grace.waitFor(all: ["Escalation package · #1", "Request", "Escalation #1: requested"])
        // To the end of the package: the customer update's last paragraphs, nothing cut off.
        try grace.press("G")
        try grace.waitFor(all: ["We will update you as soon as we", "know more.", "Chloé Martin"])
        try grace.waitForAbsence("Escalation #1: requested")
        // Back up: the next actions are there, whole (where depends on how the header wrapped).
        try grace.press("k", until: ["Technical L2: Check the Initech", "relay logs for the reset mails"], atMost: 40)

        // The first cited message: selected, then shown in the history with its number.
        try grace.press("]")
        try grace.waitFor("[#1] selected")
        try grace.press("Enter")
        try grace.waitFor(all: ["message #1, cited in the package", "── History", "▶ #1 Priya Schmidt"])
        // E goes back to the package, where it was.
        try grace.press("E")
        try grace.waitFor("── Escalation")

        try chloe.press("q")
        try grace.press("q")
        try assertTerminalRestored(chloe, db, agent: "chloe")
        try assertTerminalRestored(grace, db, agent: "grace")
    }
}
