import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The reducer is pure: each test states the whole state it expects and every effect.
final class ReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    func row(_ id: Int64) -> QueueRow {
        QueueRow(
            id: id, subject: "Ticket \(id)", status: .open, priority: .normal, channel: .email,
            customerName: "C\(id)", customerTier: .standard, assignee: nil, createdAt: 0, updatedAt: 0)
    }

    func loaded(total: Int = 100) -> AppState {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        let q = s.queue.query
        _ = Reducer.reduce(&s, .queueLoaded(query: q, total: total, offset: 0, rows: (1...Int64(min(total, 78))).map(row)))
        return s
    }

    func testStartAsksForTheFirstWindow() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        let effects = Reducer.reduce(&s, .resize(width: 100, height: 30))
        XCTAssertEqual(effects, [.loadQueue(QueueQuery(view: .open, agentId: 1), offset: 0, limit: 78, count: true)])
        var expected = AppState(width: 100, height: 30, agent: agent, now: 1000)
        expected.width = 100
        XCTAssertEqual(s, expected)
    }

    func testMovingWithinTheWindowNeedsNoQuery() {
        var s = loaded()
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("j"))), [])
        var expected = loaded()
        expected.queue.selected = 1
        XCTAssertEqual(s, expected)
        XCTAssertEqual(Reducer.reduce(&s, .key(.up)), [])
        XCTAssertEqual(s.queue.selected, 0)
        XCTAssertEqual(Reducer.reduce(&s, .key(.up)), [], "top stays at top")
        XCTAssertEqual(s.queue.selected, 0)
    }

    /// Another agent's change re-sorts the queue: the cursor stays on the ticket it was on, so
    /// Enter opens that ticket and not the one that slid into its row.
    func testTheCursorFollowsItsTicketWhenAReloadReordersTheQueue() {
        var s = loaded()
        for _ in 0..<8 { _ = Reducer.reduce(&s, .key(.char("j"))) }
        XCTAssertEqual(s.queue.selectedRow?.id, 9)
        // #9 moved to the top: the rows before it shift down by one.
        let reordered = [row(9)] + (1...78).filter { $0 != 9 }.map { row(Int64($0)) }
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 100, offset: 0, rows: reordered))
        XCTAssertEqual(s.queue.selected, 0)
        XCTAssertEqual(s.queue.selectedRow?.id, 9)
        // A ticket that left the loaded rows leaves the cursor where it was.
        let without = (1...78).filter { $0 != 9 }.map { row(Int64($0)) }
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 99, offset: 0, rows: without))
        XCTAssertEqual(s.queue.selected, 0)
    }

    func testJumpingPastTheWindowLoadsAPageAroundIt() {
        var s = loaded()
        let effects = Reducer.reduce(&s, .key(.char("G")))
        XCTAssertEqual(s.queue.selected, 99)
        XCTAssertEqual(s.queue.scrollTop, 74)
        // Row 48 (index 47) is already loaded: the new page is anchored right after it.
        XCTAssertEqual(
            effects,
            [
                .loadQueue(
                    s.queue.query, offset: 48, limit: 78, count: false,
                    anchor: .after(key: 0, id: 48), total: 100)
            ])
        // A page for an old query is ignored.
        var stale = s.queue.query
        stale.filter = "old"
        let before = s
        XCTAssertEqual(Reducer.reduce(&s, .queueLoaded(query: stale, total: 1, offset: 0, rows: [row(5)])), [])
        XCTAssertEqual(s, before)
    }

    func testEnterOpensTheSelectedTicketAndFocusesIt() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.char("j")))
        var expected = s
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 2)])
        expected.focus = .ticket
        XCTAssertEqual(s, expected)
        XCTAssertEqual(Reducer.reduce(&s, .key(.escape)), [])
        expected.focus = .queue
        XCTAssertEqual(s, expected)
    }

    func testALoadedTicketOpensAtItsLatestMessageAndScrolls() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.enter))
        let ticket = Ticket(
            id: 1, subject: "Long thread", status: .open, channel: .email, customerId: 1,
            createdAt: Date(timeIntervalSince1970: 0))
        var timeline: [TimelineEntry] = []
        for i in 0..<40 {
            let kind: TimelineEntry.Kind = i % 2 == 0 ? .customerMessage : .publicReply
            timeline.append(
                TimelineEntry(
                    kind: kind, author: "A", channel: .email, body: "Message \(i)",
                    createdAt: Int64(i * 60), sourceId: Int64(i + 1)))
        }
        let detail = TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "a@b.example", name: "A"),
            organization: nil, accountOwner: nil, branch: nil, assignee: nil,
            timeline: timeline, earlierMessages: 0)
        XCTAssertEqual(Reducer.reduce(&s, .ticketLoaded(detail)), [], "no write while answering the key")
        XCTAssertEqual(
            Reducer.prefetchEffects(s).last, .heartbeat(ticket: 1, writing: false, leaving: nil),
            "presence on the newly opened ticket is announced in idle time")
        // The layout on screen: its header has grown by the lines its wrapped facts need.
        let layout = s.layout
        XCTAssertGreaterThan(layout.ticketHeaderLines, Layout(width: 100, height: 30).ticketHeaderLines)
        let full = TicketHistory.lines(detail, width: layout.historyWidth, zone: s.zone)
        XCTAssertEqual(full.count, 40 * 3)
        XCTAssertEqual(s.ticket.lines.count, 72, "only the newest screens are laid out on open")
        XCTAssertEqual(s.ticket.scroll, 72 - layout.historyRows, "opens at the end")
        XCTAssertEqual(Array(s.ticket.lines.suffix(layout.historyRows)), Array(full.suffix(layout.historyRows)))
        _ = Reducer.reduce(&s, .key(.char("g")))
        XCTAssertEqual(s.ticket.lines, full, "g lays out the rest")
        XCTAssertEqual(s.ticket.scroll, 0)
        var expected = s
        _ = Reducer.reduce(&s, .key(.pageDown))
        expected.ticket.scroll = layout.historyRows - 1
        XCTAssertEqual(s, expected)
        // A reload of the same ticket keeps the reader's place.
        _ = Reducer.reduce(&s, .ticketLoaded(detail))
        XCTAssertEqual(s, expected)
    }

    func testTabNeedsAnOpenTicket() {
        var s = loaded()
        XCTAssertEqual(Reducer.reduce(&s, .key(.tab)), [])
        XCTAssertEqual(s.focus, .queue)
        XCTAssertEqual(s.status, StatusMessage(text: "no ticket open: press Enter on one first", isError: false))
    }

    func testFilterPromptFiltersLiveAndEscClears() {
        var s = loaded()
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("/"))), [])
        XCTAssertEqual(s.overlay, .filter(""))
        let e1 = Reducer.reduce(&s, .key(.char("r")))
        XCTAssertEqual(s.queue.query.filter, "r")
        XCTAssertEqual(e1, [.loadQueue(QueueQuery(view: .open, filter: "r", agentId: 1), offset: 0, limit: 78, count: true)])
        XCTAssertEqual(s.queue.loaded, false)
        _ = Reducer.reduce(&s, .key(.char("e")))
        XCTAssertEqual(s.overlay, .filter("re"))
        _ = Reducer.reduce(&s, .key(.backspace))
        XCTAssertEqual(s.queue.query.filter, "r")
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.overlay, .none)
        XCTAssertEqual(s.queue.query.filter, "r", "Enter keeps the filter")
        _ = Reducer.reduce(&s, .key(.char("/")))
        let e2 = Reducer.reduce(&s, .key(.escape))
        XCTAssertEqual(s.queue.query.filter, "")
        XCTAssertEqual(e2, [.loadQueue(QueueQuery(view: .open, agentId: 1), offset: 0, limit: 78, count: true)])
    }

    func testCommandLine() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.char(":")))
        for c in "open 42" { _ = Reducer.reduce(&s, .key(.char(c))) }
        XCTAssertEqual(s.overlay, .command("open 42"))
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 42)])
        XCTAssertEqual(s.overlay, .none)
        XCTAssertEqual(s.focus, .ticket)

        _ = Reducer.reduce(&s, .key(.char(":")))
        for c in "frobnicate" { _ = Reducer.reduce(&s, .key(.char(c))) }
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [])
        XCTAssertEqual(s.status, StatusMessage(text: "unknown command ':frobnicate' (try :help)", isError: true))

        _ = Reducer.reduce(&s, .key(.char(":")))
        _ = Reducer.reduce(&s, .key(.char("q")))
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertTrue(s.quit)
    }

    func testUnknownTicketShowsTheErrorAndStaysInTheQueue() {
        var s = loaded()
        _ = Reducer.reduce(&s, .failed("no ticket #999."))
        XCTAssertEqual(s.status, StatusMessage(text: "no ticket #999.", isError: true))
        XCTAssertEqual(s.focus, .queue)
    }

    func testHelpOverlayScrollsAndCloses() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.char("?")))
        XCTAssertEqual(s.overlay, .help(scroll: 0))
        _ = Reducer.reduce(&s, .key(.char("j")))
        XCTAssertEqual(s.overlay, .help(scroll: 1))
        XCTAssertEqual(s.queue.selected, 0, "keys go to the overlay, not the queue")
        _ = Reducer.reduce(&s, .key(.char("q")))
        XCTAssertEqual(s.overlay, .none)
        XCTAssertFalse(s.quit, "q closes help rather than quitting")
    }

    func testViewsCycle() {
        var s = loaded()
        let e = Reducer.reduce(&s, .key(.char("v")))
        XCTAssertEqual(s.queue.query.view, .mine)
        XCTAssertEqual(e, [.loadQueue(QueueQuery(view: .mine, agentId: 1), offset: 0, limit: 78, count: true)])
    }

    func testTooSmallIgnoresKeysButQuitAndRecovers() {
        var s = loaded()
        _ = Reducer.reduce(&s, .resize(width: 60, height: 20))
        XCTAssertTrue(s.isTooSmall)
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("j"))), [])
        XCTAssertEqual(s.queue.selected, 0)
        _ = Reducer.reduce(&s, .resize(width: 100, height: 30))
        XCTAssertFalse(s.isTooSmall)
        _ = Reducer.reduce(&s, .key(.char("q")))
        XCTAssertTrue(s.quit)
    }

    func testOnlyFilteredCountsAreCapped() {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 66_000, offset: 0, rows: [row(1)]))
        XCTAssertEqual(s.queue.total, 66_000)
        XCTAssertFalse(s.queue.totalIsLowerBound)
        _ = Reducer.reduce(&s, .key(.char("/")))
        _ = Reducer.reduce(&s, .key(.char("r")))
        _ = Reducer.reduce(
            &s, .queueLoaded(query: s.queue.query, total: QueueQuery.filteredCountCap + 1, offset: 0, rows: [row(1)]))
        XCTAssertEqual(s.queue.total, QueueQuery.filteredCountCap)
        XCTAssertTrue(s.queue.totalIsLowerBound)
    }
}
