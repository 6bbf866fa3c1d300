import DeskModel
import DeskTUI
import Foundation
import XCTest

/// Information that used to be cut with no way to see it (issue 20), on the demo database at
/// 80x24, 120x40 and 160x48: the board's branch names and agent table, the ticket header's tags,
/// the customer's zone and suggestions, the template picker's title.
final class CutInformationSnapshotTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    static let now = FixedClock.parse("2026-11-20T15:30:00Z")!

    func screen(width: Int, height: Int, keys: [Key], idle: Bool = false) throws -> [String] {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now))
        try DemoBuilder(desk: desk).build()
        let backend = MemoryBackend(width: width, height: height)
        let agent = try desk.agent(handle: "ada")
        let state = AppState(
            width: width, height: height, agent: AgentRef(id: agent.id!, handle: "ada", name: agent.name),
            now: Self.now.dbSeconds, sla: desk.policy.sla)
        let console = Console(state: state, backend: backend, runner: EffectRunner(desk: desk), clock: FixedClock(Self.now))
        console.start()
        for k in keys {
            console.dispatch(.key(k))
            // Idle time loads what the ticket pane shows besides the ticket (suggestions, the draft).
            if idle { for _ in 0..<4 { console.dispatch(.idle) } }
        }
        return backend.lines
    }

    func keys(_ text: String) -> [Key] { text.map { .char($0) } }

    func testBoardBranchesAreTellableApartAndTheAgentTableScrolls() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let board = try screen(width: w, height: h, keys: [.char("L")])
            try assertSnapshot(board, named: "board-demo-\(w)x\(h)")
            let tables = board.prefix(12).joined(separator: "\n")
            XCTAssertTrue(tables.contains("L1 "), tables)
            XCTAssertTrue(tables.contains("L2 "), tables)
            XCTAssertFalse(tables.contains("Technical …"), "both Technical branches read the same")
            // Tab twice: the agent table; G: its last agent is shown, not summed into "+N more".
            let scrolled = try screen(width: w, height: h, keys: [.char("L"), .tab, .tab, .char("G")])
            try assertSnapshot(scrolled, named: "board-demo-agents-scrolled-\(w)x\(h)")
            let agents = scrolled.prefix(12).map { String($0.dropFirst(w / 2 + 1)) }.joined(separator: "\n")
            XCTAssertTrue(agents.contains("Agent ↑"), agents)
            XCTAssertFalse(agents.contains("more"), "the end of the table is shown: \(agents)")
        }
    }

    func testTheTicketHeaderWrapsTagsZoneAndSuggestions() throws {
        for (w, h) in [(80, 24), (120, 40), (160, 48)] {
            let lines = try screen(width: w, height: h, keys: [.char(":")] + keys("open 90") + [.enter], idle: true)
            try assertSnapshot(lines, named: "ticket-header-demo-\(w)x\(h)")
            let all = lines.joined(separator: "\n")
            XCTAssertTrue(all.contains("America/New_York"), all)
            guard w >= 120 else { continue }  // 80 columns: the history keeps its ten rows first
            XCTAssertTrue(all.contains("tags: import, data-loss"), all)
            XCTAssertTrue(all.contains("suggested: 1 data-import-issue · 2 password-reset-email · "), all)
            XCTAssertTrue(all.contains("3 account-deletion"), all)
        }
    }

    func testTheTemplatePickerTitleIsWhole() throws {
        for (w, h) in [(80, 24), (160, 48)] {
            let lines = try screen(width: w, height: h, keys: [.char(":")] + keys("open 90") + [.enter, .char("T")])
            try assertSnapshot(lines, named: "template-picker-demo-\(w)x\(h)")
            let all = lines.joined(separator: "\n")
            XCTAssertTrue(all.contains("Templates and macros"))
            XCTAssertTrue(all.contains("Enter insert · Ctrl-R replace draft · Ctrl-E edit · Esc"))
            XCTAssertFalse(all.contains("Ctrl-─"))
        }
    }
}
