import Foundation
import XCTest

extension XCTestCase {
    /// `:open N` in a running console; returns once the ticket's header is on screen.
    func openTicket(_ id: String, in t: TmuxSession) throws {
        try t.type(":open \(id)")
        try t.press("Enter")
        try t.waitFor("#\(id) ")
    }

    /// Starts desk from a shell in tmux, after saving the terminal settings to compare later.
    func launchConsole(_ db: String, width: Int = 120, height: Int = 40, agent: String, now: String) throws -> TmuxSession {
        let t = try TmuxSession(width: width, height: height)
        try t.type("stty -g > \(db).\(agent).stty; \(DeskBinary.path) --db \(db) --agent \(agent) --now \(now)")
        try t.press("Enter")
        try t.waitFor("desk · Open")
        return t
    }

    /// After desk exits, the shell must be back with the same terminal settings and echo working.
    func assertTerminalRestored(
        _ t: TmuxSession, _ db: String, agent: String = "ada", file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try t.type("clear; stty -g | cmp -s - \(db).\(agent).stty && echo SAME-STTY-$((40+2))")
        try t.press("Enter")
        let screen = try t.waitFor("SAME-STTY-42", file: file, line: line)
        XCTAssertFalse(screen.contains("desk · Open"), "the console's screen is gone", file: file, line: line)
    }
}

/// The start of ticket `id`'s row in the queue or on the SLA board: the number right-aligned in
/// six columns at the start of a screen line (a bare "18" could be a count anywhere on screen).
func rowStart(_ id: Int) -> String {
    let n = String(id)
    return "\n" + String(repeating: " ", count: max(0, 6 - n.count)) + n + " "
}
