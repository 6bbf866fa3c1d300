import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The history is laid out newest first and the rest in idle time or on scrolling up; whatever the
/// order, the agent sees the lines a full layout would give, and stays on the text they were reading.
final class TicketPaneLayoutTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    /// A 200-entry thread, customer messages and replies alternating, some of them long.
    func detail(entries: Int = 200) -> TicketDetail {
        let ticket = Ticket(
            id: 7, subject: "Long thread", status: .open, channel: .email, customerId: 1,
            createdAt: Date(timeIntervalSince1970: 0))
        let timeline = (0..<entries).map { i in
            TimelineEntry(
                kind: i % 2 == 0 ? .customerMessage : .publicReply, author: "A", channel: .email,
                body: "Message \(i) " + String(repeating: "word ", count: i % 7 * 9), createdAt: Int64(i * 60),
                sourceId: Int64(i + 1))
        }
        return TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "a@b.example", name: "A"), organization: nil,
            accountOwner: nil, branch: nil, assignee: nil, timeline: timeline, earlierMessages: 3)
    }

    func opened(_ d: TicketDetail, width: Int = 100, height: Int = 30) -> AppState {
        var s = AppState(width: width, height: height, agent: agent, now: 1000)
        let row = QueueRow(
            id: 7, subject: "Long thread", status: .open, priority: .normal, channel: .email, customerName: "A",
            customerTier: .standard, assignee: nil, createdAt: 0, updatedAt: 0)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 1, offset: 0, rows: [row]))
        _ = Reducer.reduce(&s, .key(.enter))
        _ = Reducer.reduce(&s, .ticketLoaded(d))
        return s
    }

    func full(_ d: TicketDetail, _ s: AppState) -> [StyledLine] {
        TicketHistory.lines(d, width: Layout(width: s.width, height: s.height).historyWidth, zone: s.zone)
    }

    func shown(_ s: AppState) -> [StyledLine] {
        let rows = s.layout.historyRows  // the header's wrapped lines included
        return Array(s.ticket.lines[s.ticket.scroll..<min(s.ticket.lines.count, s.ticket.scroll + rows)])
    }

    func testOpeningLaysOutOnlyTheNewestScreensAndIdleTimeTheRestWithoutMovingTheReader() {
        let d = detail()
        var s = opened(d)
        let all = full(d, s)
        XCTAssertGreaterThan(s.ticket.laidFrom, 0)
        XCTAssertLessThan(s.ticket.lines.count, all.count / 4)
        XCTAssertTrue(Reducer.hasIdleWork(s))
        let before = shown(s)
        XCTAssertEqual(before, Array(all.suffix(before.count)), "the pane shows the end of the thread")
        _ = Reducer.reduce(&s, .key(.pageUp))
        let reading = shown(s)
        var steps = 0
        while s.ticket.laidFrom > 0 {
            _ = Reducer.reduce(&s, .idle)
            XCTAssertEqual(shown(s), reading, "an idle step never moves what the agent is reading")
            steps += 1
        }
        XCTAssertGreaterThan(steps, 1, "laid out a chunk per idle step")
        XCTAssertEqual(s.ticket.lines, all)
        let whole = TicketHistory.layout(
            d, entries: d.timeline.indices, width: Layout(width: 100, height: 30).historyWidth, zone: s.zone,
            expandQuotes: false)
        XCTAssertEqual(s.ticket.customerStarts, whole.customerStarts)
        XCTAssertEqual(s.ticket.entryStarts, whole.entryStarts)
        XCTAssertFalse(Reducer.hasIdleWork(s) && Reducer.prefetchEffects(s).isEmpty, "nothing left to lay out")
    }

    func testScrollingUpPastTheLaidOutPartShowsWhatAFullLayoutWould() {
        let d = detail()
        var s = opened(d)
        let all = full(d, s)
        let rows = s.layout.historyRows
        var fromEnd = rows  // lines from the top of the pane to the end of the thread
        while s.ticket.scroll > 0 {
            _ = Reducer.reduce(&s, .key(.pageUp))
            fromEnd = min(all.count, fromEnd + rows - 1)
            XCTAssertEqual(s.ticket.lines.count - s.ticket.scroll, fromEnd)
            XCTAssertEqual(shown(s), Array(all[(all.count - fromEnd)...].prefix(rows)))
        }
        XCTAssertEqual(s.ticket.scroll, 0)
        XCTAssertEqual(s.ticket.laidFrom, 0)
        XCTAssertEqual(shown(s).first, [Span("… 3 earlier messages not loaded", .dim)])
    }

    func testJumpingToAnEarlierCustomerMessageReachesIntoWhatIsNotLaidOut() {
        let d = detail()
        var s = opened(d)
        _ = Reducer.reduce(&s, .key(.char("{")))
        XCTAssertEqual(s.ticket.laidFrom, 0)
        XCTAssertEqual(s.ticket.scroll, s.ticket.customerStarts.first)
        XCTAssertEqual(s.ticket.lines, full(d, s))

        // `[` walks back message by message exactly as on a thread laid out in full.
        var lazy = opened(d)
        var whole = opened(d)
        while whole.ticket.laidFrom > 0 { _ = Reducer.reduce(&whole, .idle) }
        for press in 0..<60 {
            _ = Reducer.reduce(&lazy, .key(.char("[")))
            _ = Reducer.reduce(&whole, .key(.char("[")))
            XCTAssertEqual(shown(lazy), shown(whole), "after \(press + 1) presses")
        }
        XCTAssertGreaterThan(lazy.ticket.lines.count, opened(d).ticket.lines.count)
    }

    func testTheReaderStaysOnTheSameTextThroughResizeQuotesAndNewMessages() {
        let d = detail()
        var s = opened(d)
        for _ in 0..<12 { _ = Reducer.reduce(&s, .key(.pageUp)) }
        let top = shown(s)[0]
        // Narrower: the same entry's first line is at the top (the line within it may rewrap).
        _ = Reducer.reduce(&s, .resize(width: 90, height: 30))
        XCTAssertEqual(shown(s)[0].first?.text, top.first?.text)
        // A new message arrives while the agent reads higher up: they are not moved.
        var grown = d
        grown.timeline.append(
            TimelineEntry(kind: .customerMessage, author: "A", channel: .email, body: "New", createdAt: 99_999, sourceId: 9999))
        let reading = shown(s)
        _ = Reducer.reduce(&s, .ticketLoaded(grown))
        XCTAssertEqual(shown(s), reading)
        // At the end, the pane follows new messages.
        _ = Reducer.reduce(&s, .key(.char("G")))
        grown.timeline.append(
            TimelineEntry(kind: .publicReply, author: "B", channel: .email, body: "Newer", createdAt: 100_000, sourceId: 10_000))
        _ = Reducer.reduce(&s, .ticketLoaded(grown))
        XCTAssertEqual(shown(s), Array(full(grown, s).suffix(s.layout.historyRows)))
    }

    func testLongQuotesAreFoldedInRepliesAndNotesTooUntilExpanded() {
        let quote = "Thanks!\n  On Monday, Ana wrote:  \n> one\n> two\n  > three\nBye"
        var d = detail(entries: 0)
        d.earlierMessages = 0
        d.timeline = [TimelineEntry.Kind.customerMessage, .publicReply, .internalNote].enumerated().map {
            TimelineEntry(kind: $1, author: "A", channel: .email, body: quote, createdAt: Int64($0), sourceId: Int64($0))
        }
        let text = { (lines: [StyledLine]) in lines.map { $0.map(\.text).joined() } }
        let folded = text(TicketHistory.lines(d, width: 60, zone: TimeZone(identifier: "UTC")!))
        XCTAssertEqual(folded.filter { $0.contains("▸ 4 quoted lines folded (x expands)") }.count, 3, "\(folded)")
        XCTAssertFalse(folded.contains { $0.contains("wrote:") || $0.contains("> one") })
        XCTAssertEqual(folded.filter { $0.hasSuffix("Bye") }.count, 3)
        let open = text(
            TicketHistory.layout(
                d, entries: d.timeline.indices, width: 60, zone: TimeZone(identifier: "UTC")!, expandQuotes: true
            ).lines)
        XCTAssertEqual(open.filter { $0.contains("> three") }.count, 3)
    }

    /// A terminal shrunk below the smallest size while a ticket is open (at the end or scrolled
    /// up) shows the too-small notice and never crashes; grown back, the history is whole again.
    func testShrinkingBelowTheSmallestSizeWithATicketOpenNeverCrashes() {
        for scrolledUp in [false, true] {
            var s = opened(detail(entries: 40), width: 80, height: 24)
            if scrolledUp { for _ in 0..<5 { _ = Reducer.reduce(&s, .key(.pageUp)) } }
            for (w, h) in [(40, 12), (40, 16), (30, 10), (20, 5), (1, 1), (80, 12), (40, 24)] {
                _ = Reducer.reduce(&s, .resize(width: w, height: h))
                let frame = Screen.render(s).lines().joined()
                // Under 30 columns the notice itself no longer fits; drawing must still not crash.
                if w >= 30 { XCTAssertTrue(frame.contains("desk needs a terminal"), "\(w)x\(h)") }
            }
            _ = Reducer.reduce(&s, .resize(width: 80, height: 24))
            XCTAssertFalse(Screen.render(s).lines().joined().contains("desk needs a terminal"))
            let line = { (l: StyledLine) in l.map(\.text).joined() }
            XCTAssertEqual(s.ticket.lines.map(line), Array(full(detail(entries: 40), s).map(line).suffix(s.ticket.lines.count)))
        }
    }
}
