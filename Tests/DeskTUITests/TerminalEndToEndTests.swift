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
        var screen = try t.waitFor("[queue] 1/")
        XCTAssertTrue(screen.contains("Subject"))

        try t.press("j", "j", "Enter")
        screen = try t.waitFor("── History")
        XCTAssertTrue(screen.contains("[ticket]"))

        try t.press("Tab")
        try t.waitFor("[queue] 3/")
        try t.press("Tab")
        try t.waitFor("[ticket]")
        try t.press("Escape")
        try t.waitFor("[queue]")

        try t.press("/")
        try t.type("refund")
        screen = try t.waitFor("filter: refund")
        let rows = screen.split(separator: "\n").dropFirst(2).prefix(5).filter { $0.contains("│") && !$0.hasPrefix("     #") }
        XCTAssertFalse(rows.isEmpty)
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
        let small = try t.waitFor("at least 80x24")
        XCTAssertTrue(small.contains("60x20"))
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
        let hostile = "Hi\u{1B}[2J\u{1B}[H\u{1B}]0;pwned\u{07} there \u{202E}gnp.exe\nline two \u{1B}[31mred\u{1B}[0m"
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
        let screen = try t.waitFor("^[[2J")
        XCTAssertTrue(screen.contains("^[]0;pwned^G"))
        XCTAssertTrue(screen.contains("^[[31mred^[[0m"))
        XCTAssertTrue(screen.contains("desk · Open"), "the screen was not cleared by the message")
        XCTAssertNotEqual(t.paneTitle, "pwned")
        XCTAssertEqual(t.paneTitle, titleBefore)
        try t.press("q")
        try assertTerminalRestored(t, db)
    }

    /// A burst of keys (held-down j, fast typing) must end with its last frame on screen.
    func testTheLastFrameOfABurstOfKeysIsShown() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let t = try launch(db)
        try t.tmux(["send-keys", "-t", t.name] + Array(repeating: "j", count: 30))
        try t.waitFor("[queue] 31/", timeout: 3)
        try t.tmux(["send-keys", "-t", t.name, "/", "r", "e", "f", "u", "n", "d"])
        try t.waitFor("filter: refund", timeout: 3)
        try t.waitFor("/refund█", timeout: 3)
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
        try t.waitFor("Written from another terminal by Ben.", timeout: 5)
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
