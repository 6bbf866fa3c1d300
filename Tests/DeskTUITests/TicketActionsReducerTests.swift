import DeskModel
import DeskTUI
import Foundation
import XCTest

/// Acting on the open ticket from the keyboard: what each key opens, what it asks the runner to do,
/// and that a refused or stale change gives the agent's typing back.
final class TicketActionsReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "ada", name: "Ada Okafor")

    /// Ticket #5 (version 3, status open, area billing) open in the ticket pane.
    func opened(status: TicketStatus = .open) -> AppState {
        var s = AppState(width: 100, height: 30, agent: agent, now: 1000)
        let row = QueueRow(
            id: 5, subject: "Refund", status: status, priority: .normal, channel: .email, customerName: "C",
            customerTier: .standard, assignee: nil, createdAt: 0, updatedAt: 0)
        _ = Reducer.reduce(&s, .queueLoaded(query: s.queue.query, total: 1, offset: 0, rows: [row]))
        _ = Reducer.reduce(&s, .key(.enter))
        var ticket = Ticket(
            id: 5, subject: "Refund", status: status, channel: .email, customerId: 1, createdAt: Date(timeIntervalSince1970: 0))
        ticket.version = 3
        ticket.productArea = "billing"
        let detail = TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "c@d.example", name: "C"), organization: nil,
            accountOwner: nil, branch: nil, assignee: nil, timeline: [], earlierMessages: 0)
        _ = Reducer.reduce(&s, .ticketLoaded(detail))
        return s
    }

    func type(_ text: String, into s: inout AppState) {
        for c in text { _ = Reducer.reduce(&s, .key(.char(c))) }
    }

    func testTakeActsAtOnceWithTheLoadedVersion() {
        var s = opened()
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("t"))), [.perform(.take, ticket: 5, version: 3)])
    }

    func testLoggingACallAsksLengthSummaryAndOutcomeThenPerformsIt() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("c")))
        XCTAssertEqual(s.overlay, .prompt(.callMinutes, ""))
        type("ten", into: &s)
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.status?.isError, true, "not a length: asked again")
        XCTAssertEqual(s.overlay, .prompt(.callMinutes, "ten"))
        _ = Reducer.reduce(&s, .key(.ctrl("u")))
        type("1h05", into: &s)
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.overlay, .prompt(.callSummary, ""))
        type("walked through the reset", into: &s)
        _ = Reducer.reduce(&s, .key(.enter))
        guard case .picker(let p) = s.overlay else { return XCTFail("no outcome picker: \(s.overlay)") }
        XCTAssertEqual(p.title, "How did the call end? (65 min)")
        XCTAssertEqual(p.items.count, CallOutcome.allCases.count)
        type("voice", into: &s)
        XCTAssertEqual(
            Reducer.reduce(&s, .key(.enter)),
            [
                .perform(
                    .logCall(PhoneCall(minutes: 65, outcome: .voicemail, summary: "walked through the reset")), ticket: 5,
                    version: 3)
            ])
        _ = Reducer.reduce(&s, .operationDone(.logCall(PhoneCall(minutes: 65, outcome: .voicemail, summary: "")), ticket: 5))
        XCTAssertNil(s.call)
    }

    func testANewPhoneTicketAsksForTheCallerAndOpensTheTicketItMade() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("C")))
        XCTAssertEqual(s.overlay, .prompt(.callCaller, ""))
        type("not an address", into: &s)
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertEqual(s.overlay, .prompt(.callCaller, "not an address"), "refused, kept to correct")
        _ = Reducer.reduce(&s, .key(.ctrl("u")))
        for (text, next) in [("sam@example.org", PromptKind.callSubject), ("Locked out", .callMinutes), ("12", .callSummary)] {
            type(text, into: &s)
            _ = Reducer.reduce(&s, .key(.enter))
            XCTAssertEqual(s.overlay, .prompt(next, ""))
        }
        type("new link sent", into: &s)
        _ = Reducer.reduce(&s, .key(.enter))
        let call = PhoneCall(minutes: 12, outcome: .resolved, summary: "new link sent")
        XCTAssertEqual(
            Reducer.reduce(&s, .key(.enter)),
            [.perform(.newCall(email: "sam@example.org", subject: "Locked out", call), ticket: 0, version: 0)])
        let effects = Reducer.reduce(
            &s, .operationDone(.newCall(email: "sam@example.org", subject: "Locked out", call), ticket: 77))
        XCTAssertTrue(effects.contains(.loadTicket(id: 77)), "\(effects)")
        XCTAssertEqual(s.focus, .ticket)
    }

    func testStatusPickerOffersOnlyAllowedMovesAndFiltersAsYouType() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("s")))
        guard case .picker(let p) = s.overlay else { return XCTFail("no picker: \(s.overlay)") }
        XCTAssertEqual(p.items.map(\.label), ["pending", "on-hold", "solved"])
        type("sol", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.perform(.status(.solved), ticket: 5, version: 3)])
        XCTAssertEqual(s.overlay, .none)

        var closed = opened(status: .closed)
        _ = Reducer.reduce(&closed, .key(.char("s")))
        XCTAssertEqual(closed.overlay, .none)
        XCTAssertEqual(closed.status?.isError, true, "a closed ticket has no moves, and says why")
    }

    func testProductAreaPromptStartsWithTheCurrentArea() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("A")))
        XCTAssertEqual(s.overlay, .prompt(.productArea, "billing"))
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [], "unchanged: nothing to write")
        XCTAssertEqual(s.overlay, .none)
        _ = Reducer.reduce(&s, .key(.char("A")))
        _ = Reducer.reduce(&s, .key(.ctrl("u")))
        type("sync", into: &s)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.perform(.productArea("sync"), ticket: 5, version: 3)])
    }

    func testARefusedChangeGivesTheTypedTextBack() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("A")))
        _ = Reducer.reduce(&s, .key(.ctrl("u")))
        type("two words", into: &s)
        let op = TicketOperation.productArea("two words")
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.perform(op, ticket: 5, version: 3)])
        let refusal = "product area 'two words' is not valid: a word of letters, digits, - or _."
        XCTAssertEqual(
            Reducer.reduce(&s, .operationFailed(op, ticket: 5, message: refusal, conflict: false)), [], "no reload")
        XCTAssertEqual(s.overlay, .prompt(.productArea, "two words"))
        XCTAssertEqual(s.status, StatusMessage(text: refusal, isError: true))
    }

    func testAStaleNoteReloadsTheTicketAndKeepsTheNote() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("n")))
        XCTAssertEqual(s.reply?.mode, .note)
        type("Called the bank", into: &s)
        let request = SendRequest(body: "Called the bank", visibility: .internal)
        XCTAssertEqual(Reducer.reduce(&s, .key(.ctrl("s"))), [.send(ticket: 5, version: 3, request)])
        let effects = Reducer.reduce(
            &s,
            .sendFailed(
                ticket: 5, message: "ticket #5 was changed by ben (status) since you loaded it: reload and try again.",
                conflict: true))
        XCTAssertTrue(effects.contains(.loadTicket(id: 5)), "reloads: \(effects)")
        XCTAssertEqual(s.reply?.editor.text, "Called the bank", "the note is kept")
        XCTAssertNil(s.reply?.step)
        XCTAssertEqual(
            s.status?.text,
            "Not sent: ticket #5 was changed by ben (status) since you loaded it: reload and try again. — the ticket is reloaded; check it and send again."
        )
    }

    func testADoneChangeSaysSoAndReloads() {
        var s = opened()
        let effects = Reducer.reduce(&s, .operationDone(.tag("vip"), ticket: 5))
        XCTAssertTrue(effects.contains(.loadTicket(id: 5)))
        XCTAssertEqual(s.status, StatusMessage(text: "#5: Tagged vip.", isError: false))
    }
}
