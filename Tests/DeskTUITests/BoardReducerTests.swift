import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The SLA board and the queue's order in the pure reducer: what each key asks for.
final class BoardReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    func board(_ filter: SLABoardFilter, ids: [Int64]) -> SLABoard {
        let tickets = ids.map {
            SLABoardTicket(
                id: $0, subject: "T\($0)", status: .open, priority: .normal, customerName: "C", customerTier: .standard,
                branch: "Billing L1", assignee: nil, sla: StoredSLA(dueAt: 900 + $0))
        }
        return SLABoard(
            now: 1000, filter: filter, tickets: tickets, branches: [], agents: [],
            totals: SLALoad(name: nil, open: ids.count), branchNames: ["Billing L1", "Billing L2"])
    }

    func testOpeningLoadsRefreshingReloadsAndStaleBoardsAreDropped() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("L"))), [.loadBoard(SLABoardFilter())])
        XCTAssertNotNil(s.board)
        _ = Reducer.reduce(&s, .boardLoaded(board(SLABoardFilter(), ids: [5, 6, 7])))
        XCTAssertEqual(s.board?.data?.tickets.map(\.id), [5, 6, 7])
        // Every tick reloads the board (the console ticks every second while it is open).
        XCTAssertEqual(Reducer.reduce(&s, .tick(now: 1001)), [.loadBoard(SLABoardFilter())])
        XCTAssertTrue(Reducer.reduce(&s, .databaseChanged).contains(.loadBoard(SLABoardFilter())))
        // b: the first branch; a board that arrives for the old filter is dropped.
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("b"))), [.loadBoard(SLABoardFilter(branch: "Billing L1"))])
        _ = Reducer.reduce(&s, .boardLoaded(board(SLABoardFilter(), ids: [9])))
        XCTAssertEqual(s.board?.data?.tickets.map(\.id), [5, 6, 7], "stale board ignored")
        _ = Reducer.reduce(&s, .key(.char("b")))
        XCTAssertEqual(s.board?.filter.branch, "Billing L2")
        _ = Reducer.reduce(&s, .key(.char("b")))
        XCTAssertNil(s.board?.filter.branch, "after the last branch, all branches again")
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("t"))), [.loadBoard(SLABoardFilter(tier: .standard))])
        XCTAssertEqual(Reducer.reduce(&s, .key(.escape)), [])
        XCTAssertNil(s.board)
        XCTAssertEqual(Reducer.reduce(&s, .tick(now: 1002)), [], "no board, no reload")
    }

    func testTheSelectionFollowsItsTicketAndEnterOpensIt() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .key(.char("L")))
        _ = Reducer.reduce(&s, .boardLoaded(board(SLABoardFilter(), ids: [5, 6, 7])))
        _ = Reducer.reduce(&s, .key(.char("j")))
        XCTAssertEqual(s.board?.selectedTicket?.id, 6)
        // A refresh where ticket 5 was solved: the cursor stays on 6.
        _ = Reducer.reduce(&s, .boardLoaded(board(SLABoardFilter(), ids: [6, 7])))
        XCTAssertEqual(s.board?.selectedTicket?.id, 6)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 6)])
        XCTAssertNil(s.board)
        XCTAssertEqual(s.focus, .ticket)
    }

    func testOrderKeyAndCommandSwitchTheQueueOrder() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        let effects = Reducer.reduce(&s, .key(.char("o")))
        var sla = QueueQuery(view: .open, agentId: 1)
        sla.sort = .sla
        XCTAssertEqual(effects, [.loadQueue(sla, offset: 0, limit: 78, count: true)])
        XCTAssertEqual(s.status?.text, "queue ordered by SLA")
        _ = Reducer.reduce(&s, .key(.char(":")))
        for c in "sort activity" { _ = Reducer.reduce(&s, .key(.char(c))) }
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.queue.query.sort, .activity)
        _ = Reducer.reduce(&s, .key(.char(":")))
        for c in "sort due" { _ = Reducer.reduce(&s, .key(.char(c))) }
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.status, StatusMessage(text: "unknown order 'due': activity or sla", isError: true))
    }
}
