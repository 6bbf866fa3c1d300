import Foundation
import XCTest

/// Two real desk processes on one database, each in its own tmux terminal: presence, live
/// refresh, and a note saved against a version that changed under it, nothing lost. (How fast a
/// change arrives is the bench's to measure, not this test's.)
final class SideBySideEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    /// The wall clock: presence goes stale after 30 s, so both consoles must share real time.
    var realNow: String { ISO8601DateFormatter().string(from: Date()) }

    func testTwoAgentsOnOneTicket() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let clock = realNow
        let ada = try launchConsole(db, agent: "ada", now: clock)
        // Ben's console replaces its shell (exec), so stopping it below is not taken for job control.
        let ben = try TmuxSession(width: 120, height: 40)
        try ben.type("exec \(DeskBinary.path) --db \(db) --agent ben --now \(clock)")
        try ben.press("Enter")
        try ben.waitFor("desk · Open")
        for t in [ada, ben] {
            try t.type(":open 7")
            try t.press("Enter")
            try t.waitFor("#7 ")
        }
        // Presence: each sees the other, and sees Ben start writing a note.
        try ada.waitFor("Ben Carter is here")
        try ben.waitFor("Ada Okafor is here")
        try ben.press("n")
        try ben.type("Checked the ledger: one capture only.")
        try ada.waitFor("Ben Carter is writing")
        // Every typed character has reached Ben's editor (in note mode) before anything else happens.
        try ben.waitFor(all: ["Internal note — agents only", "Checked the ledger: one capture only."])

        // Live refresh: a change by another process shows without a key.
        let r = try DeskBinary.run(["ticket", "tag", "7", "ledger-checked", "--db", db, "--agent", "grace"])
        XCTAssertEqual(r.status, 0, r.stderr)
        try ada.waitFor("ledger-checked")

        // Ada takes the ticket while Ben writes: his console shows it live, his note is untouched,
        // and Ctrl-S saves it against the new version. (The refused stale send — Ctrl-S arriving
        // before the console notices — is covered by TicketActionsReducerTests and ReplySendTests:
        // a kill -STOP here hands the terminal back to the shell, which turns Ctrl-S into XOFF.)
        // #7 is a Technical L1 ticket and Ada a Billing L1 lead: she is asked first, and says yes.
        try ada.press("t")
        try ada.waitFor(all: ["ada is in Billing L1, the ticket in Technical L1", "Assign anyway? (y/n)"])
        try ada.press("y")
        try ada.waitFor("You took this ticket")
        try ben.waitFor(all: ["owner Ada Okafor", "Checked the ledger: one capture only."])
        try ben.press("C-s")
        try ben.waitFor("Internal note saved")
        try ada.waitFor("Checked the ledger: one capture only.")

        try ben.press("q")
        try ada.waitForAbsence("Ben Carter is")
        try ada.press("q")
        try assertTerminalRestored(ada, db)
    }

    /// The desk process of one agent on this database.
    func deskPid(db: String, agent: String) throws -> pid_t? {
        let out = try DeskBinary.shell("pgrep -f -- '[-]-db \(db) --agent \(agent)' | head -1")
        return pid_t(out.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
