import DeskModel
import DeskTUI
import Foundation
import XCTest

/// What first users tripped on in the console (issue 20): a failed load left on "Loading…", the
/// queue cursor left behind by `:open N`, Ctrl-C in the editor, tags, assignments across branches.
final class ScreensIssue20ReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    func row(_ id: Int64) -> QueueRow {
        QueueRow(
            id: id, subject: "T\(id)", status: .open, priority: .normal, channel: .email, customerName: "C",
            customerTier: .standard, assignee: nil, createdAt: 0, updatedAt: 0)
    }

    /// Ticket #5 (version 3, tags vip and refund) open in the ticket pane.
    func opened() -> AppState {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 1, offset: 0, rows: [row(5)]))
        _ = Reducer.reduce(&s, .key(.enter))
        var ticket = Ticket(
            id: 5, subject: "Refund", status: .open, channel: .email, tags: ["vip", "refund"], customerId: 1,
            createdAt: Date(timeIntervalSince1970: 0))
        ticket.version = 3
        let detail = TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "c@d.example", name: "C"), organization: nil,
            accountOwner: nil, branch: nil, assignee: nil, timeline: [], earlierMessages: 0)
        _ = Reducer.reduce(&s, .ticketLoaded(detail))
        return s
    }

    func type(_ text: String, into s: inout AppState) {
        for c in text { _ = Reducer.reduce(&s, .key(.char(c))) }
    }

    // MARK: - 11. A failed load never leaves a loading screen

    func testABoardThatFailsToLoadClosesWithTheError() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .key(.char(":")))
        type("board Nope", into: &s)
        let effects = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(effects, [.loadBoard(SLABoardFilter(branch: "Nope"))])
        XCTAssertNotNil(s.board, "loading")
        let failure = "no branch named 'Nope' (known branches: Billing L1)."
        _ = Reducer.reduce(&s, .loadFailed(.loadBoard(SLABoardFilter(branch: "Nope")), message: failure))
        XCTAssertNil(s.board, "back to the queue, not left on Loading the SLA board…")
        XCTAssertEqual(s.status, StatusMessage(text: failure, isError: true))
    }

    func testAFailedRefreshOrFilterKeepsTheBoardShown() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .key(.char("L")))
        let shown = SLABoard(
            now: 1000, filter: SLABoardFilter(), tickets: [], branches: [], agents: [], totals: SLALoad(name: nil),
            branchNames: ["Billing L1"])
        _ = Reducer.reduce(&s, .boardLoaded(shown))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("b"))), [.loadBoard(SLABoardFilter(branch: "Billing L1"))])
        _ = Reducer.reduce(&s, .loadFailed(.loadBoard(SLABoardFilter(branch: "Billing L1")), message: "disk I/O error"))
        XCTAssertEqual(s.board?.filter, SLABoardFilter(), "the filter on screen, not the one that failed")
        XCTAssertEqual(s.board?.data, shown)
        XCTAssertEqual(s.status?.isError, true)
    }

    func testEscalationsAndNotificationsThatFailToLoadDoNotStayLoading() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .key(.char("@")))
        XCTAssertNotNil(s.notifications.screen)
        _ = Reducer.reduce(&s, .loadFailed(.loadNotifications(unreadOnly: false, limit: 200), message: "locked"))
        XCTAssertNil(s.notifications.screen)
        _ = Reducer.reduce(&s, .key(.char("L")))
        _ = Reducer.reduce(&s, .key(.char("e")))
        XCTAssertEqual(s.board?.mode, .escalations)
        _ = Reducer.reduce(&s, .loadFailed(.loadEscalations, message: "locked"))
        XCTAssertNil(s.board, "nothing was ever shown: closed")
    }

    func testTheRunnerSaysWhichLoadFailed() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Date(timeIntervalSince1970: 1000)))
        let action = EffectRunner(desk: desk).run(.loadBoard(SLABoardFilter(branch: "Nope")))
        guard case .loadFailed(.loadBoard(let f), let message)? = action else { return XCTFail("\(String(describing: action))") }
        XCTAssertEqual(f.branch, "Nope")
        XCTAssertTrue(message.contains("Nope"), message)
    }

    // MARK: - 14. :open N moves the queue cursor

    func testOpenByNumberMovesTheQueueCursorToTheTicket() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 3, offset: 0, rows: [row(3), row(7), row(9)]))
        _ = Reducer.reduce(&s, .key(.char(":")))
        type("open 9", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 9)])
        XCTAssertEqual(s.queue.selected, 2)
        XCTAssertEqual(s.queue.selectedRow?.id, 9)
        // A ticket beyond the rows loaded: its position is looked up, then the cursor goes there.
        _ = Reducer.reduce(&s, .key(.char(":")))
        type("open 40", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 40), .locateInQueue(s.queue.query, ticket: 40)])
        XCTAssertEqual(s.queue.selected, 2)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 300, offset: 0, rows: [row(3), row(7), row(9)]))
        let effects = Reducer.reduce(&s, .queuePositionFound(query: s.queue.query, ticket: 40, position: 250))
        XCTAssertEqual(s.queue.selected, 250)
        XCTAssertTrue(effects.contains { if case .loadQueue = $0 { true } else { false } }, "the page holding it loads")
        // Not in the view: the cursor stays.
        _ = Reducer.reduce(&s, .queuePositionFound(query: s.queue.query, ticket: 40, position: nil))
        XCTAssertEqual(s.queue.selected, 250)
    }

    // MARK: - 16. Ctrl-C quits everywhere, keeping the draft

    func testCtrlCInTheEditorQuitsKeepingTheDraft() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("r")))
        type("Hello q", into: &s)
        XCTAssertFalse(s.quit, "q is typed in the editor")
        let effects = Reducer.reduce(&s, .key(.ctrl("c")))
        XCTAssertTrue(s.quit)
        guard case .saveReplyDraft(let d)? = effects.first else { return XCTFail("draft not saved: \(effects)") }
        XCTAssertEqual(d.body, "Hello q")
    }

    func testCtrlCQuitsFromAPrompt() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("#")))
        _ = Reducer.reduce(&s, .key(.ctrl("c")))
        XCTAssertTrue(s.quit)
    }

    func testTheKeymapSaysWhereCtrlCAndQQuit() {
        let global = Keymap.bindings.filter { $0.context == .global && $0.command == .quit }
        XCTAssertTrue(global.contains { $0.keys == [.ctrl("c")] && $0.help.contains("the editor included") })
        XCTAssertTrue(global.contains { $0.keys == [.char("q")] && $0.help.contains("q is a letter") })
        XCTAssertNil(Keymap.command(for: .char("q"), in: .editor), "q types in the editor")
    }

    // MARK: - 15. Tags: what was stored, and removing one

    func testATagIsReportedAsStoredAndMinusRemovesOne() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("#")))
        type("Needs Finance", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.perform(.tag("needsfinance"), ticket: 5, version: 3)])
        XCTAssertEqual(TicketOperation.tag("needsfinance").done, "Tagged needsfinance.")
        _ = Reducer.reduce(&s, .key(.char("#")))
        type("-VIP", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.perform(.untag("vip"), ticket: 5, version: 3)])
        XCTAssertEqual(TicketOperation.untag("vip").done, "Removed tag vip.")
        // A tag the ticket does not have: said at once, the prompt kept.
        _ = Reducer.reduce(&s, .key(.char("#")))
        type("-urgent", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [])
        XCTAssertEqual(s.status, StatusMessage(text: "#5 has no tag 'urgent': it has vip, refund", isError: true))
        XCTAssertEqual(s.overlay, .prompt(.tag, "-urgent"))
    }

    // MARK: - 12. The header grows by its wrapped lines, never at the history's expense below a floor

    func testTheHeaderLeavesTheHistoryTenRowsOrSixWhileWriting() {
        var s = opened()
        _ = Reducer.reduce(&s, .resize(width: 80, height: 24))
        XCTAssertGreaterThan(s.layout.ticketHeaderLines, s.layout.baseHeaderLines, "SLA, escalation, suggestions: a line each")
        XCTAssertGreaterThanOrEqual(s.layout.historyRows, 10)
        _ = Reducer.reduce(&s, .key(.char("r")))
        XCTAssertTrue(s.layout.writing)
        XCTAssertGreaterThanOrEqual(s.layout.historyRows, 6)
        XCTAssertGreaterThanOrEqual(s.layout.editorRows, 7)
    }

    // MARK: - 17. Assignments across branches or tiers are asked about

    func testAMismatchedAssignmentIsAskedAndYesPerformsIt() {
        var s = opened()
        let op = TicketOperation.assign(handle: "ben")
        let why = "ben is in Technical L1, the ticket in Billing L1"
        _ = Reducer.reduce(&s, .operationNeedsConfirmation(op, ticket: 5, version: 3, reason: why))
        XCTAssertEqual(s.overlay, .prompt(.confirm, ""))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("x"))), [], "other keys wait for y or n")
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("y"))), [.perform(.confirmed(op), ticket: 5, version: 3)])
        XCTAssertEqual(s.overlay, .none)
        XCTAssertEqual(TicketOperation.confirmed(op).done, "Assigned to ben.")
        _ = Reducer.reduce(&s, .operationNeedsConfirmation(.take, ticket: 5, version: 3, reason: why))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("n"))), [])
        XCTAssertEqual(s.overlay, .none)
        XCTAssertNil(s.pendingConfirmation)
        XCTAssertEqual(s.status?.text, "Not assigned: #5 stays where it was.")
    }
}
