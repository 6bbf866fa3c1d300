import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The main screen as a grid of text at fixed sizes, against golden files in __Snapshots__.
/// A missing snapshot is recorded and fails, and so does SNAPSHOT_RECORD=1: review, then run again.
final class ScreenSnapshotTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    static let now = FixedClock.parse("2026-11-20T15:30:00Z")!

    /// A small database with the hard cases: CJK, emoji, combining marks and a hostile message.
    func fixtureDesk() throws -> Desk {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now.addingTimeInterval(-7200)))
        try desk.db.write { db in
            var b = Branch(name: "Billing L1", tier: .tier1); try b.insert(db)
            var a = Agent(handle: "ada", name: "Ada Okafor", role: .lead, tier: 1, branchId: b.id); try a.insert(db)
            var o = Organization(name: "Kanda Systems 株式会社", domain: "kanda.example"); try o.insert(db)
            var c = Customer(
                email: "yuki@kanda.example", name: "田中 雪", tier: .vip, organizationId: o.id, accountOwnerId: a.id,
                timeZone: "Asia/Tokyo")
            try c.insert(db)
        }
        let ada = try desk.agent(handle: "ada")
        try desk.createTicket(
            by: nil, customerEmail: "yuki@kanda.example", subject: "請求書の二重請求について (double charge)",
            channel: .email, body: "請求書 INV-2231 が二回請求されました。返金をお願いします。", priority: .high)
        try desk.createTicket(
            by: nil, customerEmail: "zoe@example.com", subject: "App crashes 💥 on launch 👩‍💻 — Zoë",
            channel: .chat, body: "Café app crashes; naïve me reinstalled it. e\u{301}", priority: .urgent)
        let hostile = try desk.createTicket(
            by: nil, customerEmail: "mallory@evil.example", subject: "Invoice\u{202E}fdp.exe \u{1B}]0;pwned\u{07}",
            channel: .webForm,
            body:
                "Look:\u{1B}[2J\u{1B}[H cleared?\n\u{1B}]0;title\u{07}OSC title\nbidi: \u{202E}txet desrever\nraw: \u{07}\u{08}\u{7F}\u{9B}done"
        )
        try desk.reply(ticket: hostile.id!, body: "Thanks — we never run attachments. Could you resend as PDF?", by: ada)
        try desk.note(ticket: hostile.id!, body: "Looks like a phishing attempt; do not open attachments.", by: ada)
        return desk
    }

    func screen(width: Int, height: Int, keys: [Key]) throws -> [String] {
        let desk = try fixtureDesk()
        let backend = MemoryBackend(width: width, height: height)
        let agent = try desk.agent(handle: "ada")
        let state = AppState(
            width: width, height: height, agent: AgentRef(id: agent.id!, handle: "ada", name: agent.name),
            now: Self.now.dbSeconds, sla: desk.policy.sla)
        let console = Console(state: state, backend: backend, runner: EffectRunner(desk: desk), clock: FixedClock(Self.now))
        console.start()
        for k in keys { console.dispatch(.key(k)) }
        return backend.lines
    }

    func testMainScreen80x24WithHostileTicketOpen() throws {
        // Three lines up: the header's own lines for SLA, escalation and suggestions push the
        // hostile message's first lines above the end of the history.
        let lines = try screen(width: 80, height: 24, keys: [.enter, .char("k"), .char("k"), .char("k")])
        try assertSnapshot(lines, named: "main-80x24")
        let all = lines.joined(separator: "\n")
        XCTAssertTrue(all.contains("^[[2J"), "ESC[2J is shown, not executed")
        XCTAssertFalse(all.contains("\u{1B}"))
        XCTAssertFalse(all.contains("\u{202E}"))
    }

    func testMainScreen160x48() throws {
        let lines = try screen(width: 160, height: 48, keys: [.char("j"), .enter])
        try assertSnapshot(lines, named: "main-160x48")
        XCTAssertTrue(lines.joined().contains("💥"))
    }

    func testCJKTicketLinesUp160x48() throws {
        let lines = try screen(width: 160, height: 48, keys: [.char("j"), .char("j"), .enter])
        try assertSnapshot(lines, named: "cjk-160x48")
        // Every row is exactly the screen width in columns: nothing was split or shifted.
        for l in lines { XCTAssertEqual(DisplayWidth.of(l), 160, l) }
    }

    /// The lead's board: counts per branch and agent, tickets by time to breach, the hostile
    /// subject shown inert, every row the screen's width.
    func testSLABoard80x24And160x48() throws {
        let small = try screen(width: 80, height: 24, keys: [.char("L")])
        try assertSnapshot(small, named: "board-80x24")
        let large = try screen(width: 160, height: 48, keys: [.char("L")])
        try assertSnapshot(large, named: "board-160x48")
        for lines in [small, large] {
            let all = lines.joined(separator: "\n")
            XCTAssertTrue(all.contains("SLA board · all branches · all tiers · 3 open"))
            XCTAssertFalse(all.contains("\u{1B}"))
            XCTAssertFalse(all.contains("\u{202E}"))
            for l in lines { XCTAssertEqual(DisplayWidth.of(l), lines == small ? 80 : 160, l) }
        }
    }

    func testHelpOverlay() throws {
        try assertSnapshot(try screen(width: 80, height: 24, keys: [.char("?")]), named: "help-80x24")
    }

    func testTooSmall() throws {
        let lines = try screen(width: 60, height: 20, keys: [])
        XCTAssertTrue(lines.joined().contains("at least 80x24"))
        XCTAssertTrue(lines.joined().contains("60x20"))
    }
}
