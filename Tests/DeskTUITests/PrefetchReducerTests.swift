import DeskModel
import DeskTUI
import Foundation
import XCTest

/// Idle-time prefetch: what it asks for, that it asks once, and that a preloaded ticket opens
/// exactly as a loaded one would (and is dropped when the data changes).
final class PrefetchReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    func row(_ id: Int64) -> QueueRow {
        QueueRow(
            id: id, subject: "Ticket \(id)", status: .open, priority: .normal, channel: .email,
            customerName: "C\(id)", customerTier: .standard, assignee: nil, createdAt: 0, updatedAt: id)
    }

    func detail(_ id: Int64) -> TicketDetail {
        let ticket = Ticket(
            id: id, subject: "Ticket \(id)", status: .open, channel: .email, customerId: 1,
            createdAt: Date(timeIntervalSince1970: 0))
        let timeline = (0..<5).map {
            TimelineEntry(
                kind: .customerMessage, author: "A", channel: .email, body: "Message \($0)", createdAt: Int64($0),
                sourceId: Int64($0))
        }
        return TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "a@b.example", name: "A"), organization: nil,
            accountOwner: nil, branch: nil, assignee: nil, timeline: timeline, earlierMessages: 0)
    }

    /// 1,000 tickets, the first window (three pages of 26) loaded, cursor on row 0.
    func loaded() -> AppState {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 1000, offset: 0, rows: (1...78).map(row)))
        return s
    }

    func testIdleWidensTheWindowAndPreloadsTheSelectedTicketOnce() {
        var s = loaded()
        let visible = Layout(width: 100, height: 30).queueRows
        XCTAssertEqual(visible, 26)
        // At the top, two pages below the visible one are wanted: rows 0..<78 are loaded already.
        XCTAssertEqual(Reducer.reduce(&s, .idle), [.preloadTicket(id: 1)])
        XCTAssertEqual(Reducer.reduce(&s, .idle), [], "asks once")
        XCTAssertEqual(Reducer.prefetchEffects(s), [], "nothing left: the loop sleeps")

        // Two pages down stay inside the loaded rows; idle then widens the window to two pages on
        // each side of the visible rows (1..<131), anchored after the row before it.
        XCTAssertEqual(Reducer.reduce(&s, .key(.pageDown)), [])
        XCTAssertEqual(Reducer.reduce(&s, .key(.pageDown)), [])
        XCTAssertEqual(s.queue.selected, 52)
        XCTAssertEqual(s.queue.scrollTop, 27)
        XCTAssertEqual(
            Reducer.reduce(&s, .idle),
            [
                .loadQueue(s.queue.query, offset: 0, limit: 105, count: false, anchor: nil, total: 1000),
                .preloadTicket(id: 53),
            ])
        XCTAssertEqual(Reducer.reduce(&s, .idle), [], "asks once per position")
    }

    func testAPreloadedTicketOpensWithoutALoad() {
        var s = loaded()
        _ = Reducer.reduce(&s, .idle)
        _ = Reducer.reduce(&s, .ticketPreloaded(detail(1)))
        XCTAssertNotNil(s.preloaded)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [], "opens from the preload: no read, no write")
        XCTAssertEqual(
            Reducer.reduce(&s, .idle),
            [.loadReplyDraft(ticket: 1), .loadSuggestions(ticket: 1), .heartbeat(ticket: 1, writing: false, leaving: nil)],
            "the draft, suggestions and presence come once the key is answered")
        XCTAssertEqual(Reducer.reduce(&s, .idle), [], "announced once")

        var viaLoad = loaded()
        XCTAssertEqual(Reducer.reduce(&viaLoad, .key(.enter)), [.loadTicket(id: 1)])
        _ = Reducer.reduce(&viaLoad, .ticketLoaded(detail(1)))
        _ = Reducer.reduce(&viaLoad, .idle)
        XCTAssertEqual(s.ticket, viaLoad.ticket, "same pane, same scroll as a normal load")
        XCTAssertEqual(s.presenceTicket, 1)
        XCTAssertEqual(s.focus, .ticket)
        XCTAssertNil(s.preloaded)
    }

    func testWritingANoteIsAnnouncedInIdleTimeNotPerKey() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.enter))
        _ = Reducer.reduce(&s, .ticketLoaded(detail(1)))
        _ = Reducer.reduce(&s, .idle)
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("n"))), [])
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("h"))), [], "a keystroke never writes presence")
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("i"))), [])
        // The pause saves the draft and says "writing", once.
        let pause = Reducer.reduce(&s, .idle)
        XCTAssertEqual(pause.count, 2, "\(pause)")
        guard case .saveReplyDraft(let d) = pause.first else { return XCTFail("\(pause)") }
        XCTAssertEqual([d.body, d.mode], ["hi", "note"])
        XCTAssertEqual(pause.last, .heartbeat(ticket: 1, writing: true, leaving: nil))
        XCTAssertEqual(Reducer.reduce(&s, .idle), [], "said once while typing goes on")
        _ = Reducer.reduce(&s, .key(.escape))
        XCTAssertEqual(Reducer.reduce(&s, .idle), [.heartbeat(ticket: 1, writing: false, leaving: nil)])
    }

    func testAPreloadForAnotherRowOrOlderDataIsNotUsed() {
        var s = loaded()
        _ = Reducer.reduce(&s, .idle)
        _ = Reducer.reduce(&s, .key(.char("j")))  // the cursor moved on before the preload came back
        _ = Reducer.reduce(&s, .ticketPreloaded(detail(1)))
        XCTAssertNil(s.preloaded)

        _ = Reducer.reduce(&s, .idle)
        _ = Reducer.reduce(&s, .ticketPreloaded(detail(2)))
        XCTAssertNotNil(s.preloaded)
        _ = Reducer.reduce(&s, .databaseChanged)
        XCTAssertNil(s.preloaded, "another process committed: the preload may be stale")
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 2)])
    }

    func testNoPrefetchUnderAPromptOrWhenTooSmall() {
        var s = loaded()
        _ = Reducer.reduce(&s, .key(.char("/")))
        XCTAssertEqual(Reducer.prefetchEffects(s), [])
        var small = loaded()
        _ = Reducer.reduce(&small, .resize(width: 60, height: 20))
        XCTAssertEqual(Reducer.prefetchEffects(small), [])
    }
}
