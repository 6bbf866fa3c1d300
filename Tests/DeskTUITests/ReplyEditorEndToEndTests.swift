import Foundation
import XCTest

/// The reply editor for real, under tmux: a suggestion goes in with one key, the placeholder it
/// leaves is asked for, a word is bolded, the reply is sent and the ticket solved; a draft
/// survives the console being killed.
final class ReplyEditorEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:40:00Z"

    /// A phone ticket whose best template (phone-callback) leaves {{ticket.summary}} to fill.
    func callbackTicket(_ db: String) throws -> String {
        let r = try DeskBinary.run([
            "ticket", "new", "--db", db, "--agent", "ada", "--now", now, "--customer", "kim@example.com", "--subject",
            "Callback after our phone call", "--channel", "phone", "--body",
            "Thanks for the call today. As discussed on the phone, please send the summary.",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        return String(r.stdout.split(separator: "#")[1].prefix { $0.isNumber })
    }

    func testInsertSuggestionFillPlaceholderBoldSendAndSolve() throws {
        let db = try DeskBinary.demoDatabase(now: "2026-11-21T10:00:00Z")
        let id = try callbackTicket(db)
        let t = try launchConsole(db, width: 120, height: 40, agent: "ada", now: now)
        try openTicket(id, in: t)
        try t.waitFor("1 phone-callback")
        try t.press("1")
        // The editor opens at once; the template's text follows when its effect comes back.
        try t.waitFor(all: [
            "Reply to customer — public", "As discussed: {{ticket.summary}}", "To fill before sending: {{ticket.summary}}",
        ])
        // Bold a word: up to the "Thanks…" line, a word in, Ctrl-B.
        for _ in 0..<4 { try t.press("Up") }
        try t.press("C-a", "M-f")
        try t.press("C-b")
        try t.waitFor("**Thanks** for the call today.")
        // Send: the placeholder is asked for first, then the send variant.
        try t.press("C-s")
        try t.waitFor("Value for {{ticket.summary}}:")
        try t.type("we refund the March invoice")
        try t.press("Enter")
        try t.waitFor(all: ["Send to the customer:", "As discussed: we refund the March invoice"])
        try t.press("s")
        let screen = try t.waitFor(all: [
            "Reply sent; status is solved.", "As discussed: we refund", "the March invoice", "solved ·",
        ])
        XCTAssertFalse(screen.contains("{{"), screen)
        let show = try DeskBinary.run(["ticket", "show", id, "--db", db])
        XCTAssertTrue(show.stdout.contains("**Thanks** for the call today."), show.stdout)
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    func testADraftSurvivesKillNineAndComesBackForTheSameAgent() throws {
        let db = try DeskBinary.demoDatabase(now: "2026-11-21T10:00:00Z")
        let id = try callbackTicket(db)
        var t = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try openTicket(id, in: t)
        try t.press("r")
        try t.waitFor("Reply to customer")
        try t.type("* first point")
        try t.press("Enter")
        try t.type("second point with 日本語 and é")
        try t.waitFor("* second point with 日本語 and é")
        // A pause in typing saves it: wait until the frame says so, then kill the process hard.
        try t.waitFor("draft saved")
        let pid = try XCTUnwrap(
            pid_t(
                try DeskBinary.shell("pgrep -f -- '[-]-db \(db) --agent ada' | head -1")
                    .trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGKILL)
        try t.waitFor("$")
        _ = try t.tmux(["kill-session", "-t", t.name])
        // Another agent on the ticket sees no draft of Ada's.
        let ben = try launchConsole(db, width: 80, height: 24, agent: "ben", now: now)
        try openTicket(id, in: ben)
        try ben.press("r")
        // Her console died a moment ago, so she still counts as writing; her text never shows.
        try ben.waitFor(all: ["Ada Okafor is writing a reply", "Type here"])
        try ben.press("Escape", "q")
        // Ada comes back: the draft is restored, list and all.
        t = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try openTicket(id, in: t)
        try t.waitFor("Draft reply restored")
        try t.press("r")
        try t.waitFor(all: ["* first point", "* second point with 日本語 and é"])
        try t.press("Escape")
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    /// Ctrl-C in the editor quits, as the keymap's "Everywhere" says, and the draft is kept
    /// (even one typed an instant before: quitting saves it, no pause needed).
    func testCtrlCInTheEditorQuitsKeepingTheDraft() throws {
        let db = try DeskBinary.demoDatabase(now: "2026-11-21T10:00:00Z")
        let id = try callbackTicket(db)
        var t = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try openTicket(id, in: t)
        try t.press("r")
        try t.waitFor("Reply to customer")
        try t.type("quick question")
        try t.waitFor("quick question")
        try t.press("C-c")
        try assertTerminalRestored(t, db)
        _ = try t.tmux(["kill-session", "-t", t.name])
        t = try launchConsole(db, width: 80, height: 24, agent: "ada", now: now)
        try openTicket(id, in: t)
        try t.waitFor("Draft reply restored")
        try t.press("r")
        try t.waitFor("quick question")
        try t.press("Escape")
        try t.press("q")
    }
}
