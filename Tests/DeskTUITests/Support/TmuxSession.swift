import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A real terminal: a detached tmux session on a private server socket, driven with
/// send-keys and read with capture-pane.
final class TmuxSession {
    let socket = "desk-e2e-\(UUID().uuidString.prefix(8))"
    let name = "main"

    init(width: Int, height: Int) throws {
        try tmux([
            "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
            "env", "-i", "PATH=/usr/bin:/bin", "HOME=\(NSTemporaryDirectory())", "TERM=xterm-256color",
            "LANG=C.UTF-8", "PS1=$ ", "bash", "--norc", "--noprofile",
        ])
        try tmux(["set-option", "-t", name, "status", "off"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Runs one tmux command through `/bin/sh` and returns what it printed. Not Foundation's
    /// Process: `new-session` forks the tmux server, and Process then never sees the client exit.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let outPath = NSTemporaryDirectory() + "tmux-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        let command = (["LC_ALL=C.UTF-8", "TMUX=", "tmux", "-u", "-L", socket] + args.map(Self.quote)).joined(separator: " ")
        let status = system("\(command) </dev/null >\(outPath) 2>&1")
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        if status != 0 && args.first != "kill-server" {
            throw NSError(
                domain: "tmux", code: Int(status),
                userInfo: [NSLocalizedDescriptionKey: "tmux \(args.joined(separator: " ")) failed: \(output)"])
        }
        return output
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Types literal text (no key-name lookup).
    func type(_ text: String) throws { try tmux(["send-keys", "-t", name, "-l", text]) }

    /// Presses named keys: Enter, Tab, Escape, PageDown, C-c …
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", name] + keys) }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", name]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    var paneTitle: String {
        (try? tmux(["display-message", "-p", "-t", name, "#{pane_title}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Waits until the screen contains `text` (up to `timeout` seconds); fails with the screen otherwise.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String
    {
        try waitFor(all: [text], timeout: timeout, file: file, line: line)
    }

    /// Waits until every one of `texts` is on one capture of the screen, and returns that capture;
    /// fails naming the ones still missing, with the screen. A terminal paints top-down: a test
    /// that waits for a header and then reads a row races the painter, so it waits for both.
    @discardableResult
    func waitFor(
        all texts: [String], timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line
    )
        throws -> String
    {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if texts.allSatisfy({ last.contains($0) }) { return last }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let missing = texts.filter { !last.contains($0) }.map { "\"\($0)\"" }
        XCTFail(
            "timed out waiting for \(missing.joined(separator: ", ")) (\(missing.count) of \(texts.count) missing); screen was:\n\(last)",
            file: file, line: line)
        return last
    }

    /// Waits until `text` is gone from the screen.
    func waitForAbsence(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if !last.contains(text) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("\"\(text)\" still on screen:\n\(last)", file: file, line: line)
    }

    /// Presses `key` (a line's scroll) until every one of `texts` is on one capture, at most
    /// `presses` times: for content whose place depends on how the header wrapped. After each
    /// press it waits for the frame to change, so it never presses ahead of the painter.
    func press(
        _ key: String, until texts: [String], atMost presses: Int, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for _ in 0..<presses {
            let before = try screen()
            if texts.allSatisfy({ before.contains($0) }) { return }
            try press(key)
            let deadline = Date().addingTimeInterval(5)
            while try screen() == before, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        }
        try waitFor(all: texts, timeout: 1, file: file, line: line)
    }
}
