import Foundation
import XCTest

/// The real binary in a real terminal (tmux): keys in, screen out.
final class TerminalEndToEndTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    func launch(_ db: String, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        try launchConsole(db, width: width, height: height, agent: "ada", now: now)
    }

    func testOpenSwitchPanesFilterHelpCommandAndQuit() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        try t.waitFor(all: ["Subject", "[queue] 1/"])

        // The third row opens: its history on the right, the status row on the ticket.
        try t.press("j", "j", "Enter")
        try t.waitFor(all: ["── History", "[ticket] 3/"])

        try t.press("Tab")
        try t.waitFor("[queue] 3/")
        try t.press("Tab")
        try t.waitFor("[ticket]")
        try t.press("Escape")
        try t.waitFor("[queue]")

        // The filter narrows the queue to exactly the tickets the CLI finds for the same words.
        let matches = try DeskBinary.run(["ticket", "list", "--db", db, "--now", now, "--filter", "refund", "--json"])
        let ids = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(matches.stdout.utf8)) as? [[String: Any]])
            .compactMap { $0["id"] as? Int }
        XCTAssertGreaterThan(ids.count, 1, matches.stdout)
        try t.press("/")
        try t.type("refund")
        let screen = try t.waitFor(all: ["desk · Open (\(ids.count)) · filter: refund"] + ids.map(rowStart))
        let rows = screen.split(separator: "\n").filter { $0.range(of: #"^ *[0-9]+ "#, options: .regularExpression) != nil }
        XCTAssertEqual(rows.count, ids.count, "only the matching tickets are listed:\n\(screen)")
        try t.press("Enter")
        try t.press("Escape")
        try t.waitForAbsence("filter: refund")

        try t.press("?")
        try t.waitFor("Help — keys")
        try t.press("Escape")
        try t.waitForAbsence("Help — keys")

        try t.type(":open 4")
        try t.press("Enter")
        try t.waitFor("#4 ")
        try t.type(":open 99999")
        try t.press("Enter")
        try t.waitFor("no ticket #99999.")

        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    func testResizeBelowMinimumAndBack() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        try t.resize(width: 60, height: 20)
        try t.waitFor(all: ["desk needs a terminal of at least 80x24.", "This one is 60x20."])
        try t.resize(width: 120, height: 40)
        try t.waitFor("desk · Open")
        try t.waitForAbsence("at least 80x24")
        try t.press("Enter")
        try t.waitFor("── History")
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    func testHostileTextIsShownInertly() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        // The body's title escape differs from the subject's, so each is checked where it is shown.
        let hostile = "Hi\u{1B}[2J\u{1B}[H\u{1B}]0;body-title\u{07} there \u{202E}gnp.exe\nline two \u{1B}[31mred\u{1B}[0m"
        let created = try DeskBinary.run(
            [
                "ticket", "new", "--db", db, "--agent", "ada", "--now", now,
                "--customer", "mallory@evil.example", "--subject", "Invoice \u{1B}]0;pwned\u{07}",
                "--channel", "email", "--json",
            ], stdin: hostile)
        XCTAssertEqual(created.status, 0, created.stderr)
        let id = try XCTUnwrap(
            (try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? Int)
        let t = try launch(db)
        let titleBefore = t.paneTitle
        try t.type(":open \(id)")
        try t.press("Enter")
        // Escapes shown as text (^[), the bidi override dropped, the screen not cleared by the message.
        try t.waitFor(all: [
            "#\(id) Invoice ^[]0;pwned^G", "Hi^[[2J^[[H^[]0;body-title^G there gnp.exe", "line two ^[[31mred^[[0m",
            "desk · Open",
        ])
        XCTAssertFalse(["pwned", "body-title"].contains(t.paneTitle), t.paneTitle)
        XCTAssertEqual(t.paneTitle, titleBefore)
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    /// A burst of keys (held-down j, fast typing) must end with its last frame on screen.
    func testTheLastFrameOfABurstOfKeysIsShown() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        try t.tmux(["send-keys", "-t", t.name] + Array(repeating: "j", count: 30))
        try t.waitFor("[queue] 31/")
        try t.tmux(["send-keys", "-t", t.name, "/", "r", "e", "f", "u", "n", "d"])
        try t.waitFor(all: ["filter: refund", "/refund█"])
        try t.press("Escape", "q")
        try assertTerminalRestored(t, db)
    }

    func testAnotherAgentsNoteAppearsWithoutReloading() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        try t.type(":open 7")
        try t.press("Enter")
        try t.waitFor("#7 ")
        let r = try DeskBinary.run([
            "ticket", "note", "7", "--db", db, "--agent", "ben", "--now", now,
            "--body", "Written from another terminal by Ben.",
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        try t.waitFor("Written from another terminal by Ben.")
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    func testSigtermAndCtrlCRestoreTheTerminal() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        let kill = Process()
        kill.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        kill.arguments = ["pkill", "-TERM", "-f", "desk --db \(db) "]
        try kill.run()
        kill.waitUntilExit()
        try assertTerminalRestored(t, db)

        try t.type("\(DeskBinary.path) --db \(db) --agent ada --now \(now)")
        try t.press("Enter")
        try t.waitFor("desk · Open")
        try t.press("C-c")
        try assertTerminalRestored(t, db)
    }
}
