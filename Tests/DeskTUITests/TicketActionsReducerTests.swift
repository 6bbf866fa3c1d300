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
            Reducer.reduce(&s, .operationFailed(op, ticket: 5, message: refusal)), [], "no reload")
        XCTAssertEqual(s.overlay, .prompt(.productArea, "two words"))
        XCTAssertEqual(s.status, StatusMessage(text: refusal, isError: true))
    }

    func testAReplyCrossedByACustomerMessageShowsItInTheEditor() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("r")))
        XCTAssertEqual(s.reply?.base, 3, "the draft begins from the version on screen")
        type("We refunded you.", into: &s)
        // A reload while writing refreshes the screen, never the draft's base.
        var newer = s.ticket.detail!
        newer.ticket.version = 4
        _ = Reducer.reduce(&s, .ticketLoaded(newer))
        _ = Reducer.reduce(&s, .key(.ctrl("s")))
        let request = SendRequest(body: "We refunded you.")
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.send(ticket: 5, version: 3, request)])
        let came = ConcurrentChange(
            eventId: 40, kind: "message.customer", aspects: [.customerMessage], actor: nil, author: "Nora Quist", before: nil,
            after: nil, at: 0, age: 20, text: "Never mind, the bank reversed it.")
        let conflict = TicketConflict(ticket: 5, base: 3, current: 4, changes: [came])
        let effects = Reducer.reduce(&s, .sendFailed(ticket: 5, message: conflict.sentence, conflict: conflict))
        XCTAssertEqual(effects, [.loadTicket(id: 5)])
        XCTAssertEqual(s.reply?.step, .conflict(conflict))
        XCTAssertEqual(s.reply?.editor.text, "We refunded you.", "the reply is kept")
        let screen = Screen.render(s).lines().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Nora Quist wrote 20 s ago"), screen)
        XCTAssertTrue(screen.contains("Never mind, the bank reversed it."), screen)
        XCTAssertTrue(screen.contains("y send yours anyway"), screen)
        XCTAssertEqual(
            Screen.render(s).lines()[s.layout.hintRow].trimmingCharacters(in: .whitespaces),
            "y send anyway  e edit  d discard  Esc back")
        // e: back to editing, against the version that shows the new message.
        _ = Reducer.reduce(&s, .key(.char("e")))
        XCTAssertNil(s.reply?.step)
        XCTAssertEqual(s.reply?.base, 4)
        XCTAssertEqual(s.reply?.editor.text, "We refunded you.")
    }

    /// Ben's reply, sent while this agent's draft (begun at version 3) was open.
    let bensReply = ConcurrentChange(
        eventId: 41, kind: "message.reply", aspects: [.publicReply], actor: "ben", author: "Ben Carter", before: nil,
        after: nil, at: 0, age: 5, text: "Hi from Ben")

    func testSendAnywayGoesAgainstTheVersionThatShowedTheNewMessage() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("r")))
        type("Hello", into: &s)
        let conflict = TicketConflict(ticket: 5, base: 3, current: 5, changes: [bensReply])
        _ = Reducer.reduce(&s, .sendFailed(ticket: 5, message: "", conflict: conflict))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("y"))), [])
        XCTAssertEqual(s.reply?.step, .choose)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.send(ticket: 5, version: 5, SendRequest(body: "Hello"))])
    }

    func testDiscardAfterAConflictDropsTheDraft() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("r")))
        type("Hello", into: &s)
        _ = Reducer.reduce(
            &s,
            .sendFailed(ticket: 5, message: "", conflict: TicketConflict(ticket: 5, base: 3, current: 5, changes: [bensReply])))
        let effects = Reducer.reduce(&s, .key(.char("d")))
        XCTAssertNil(s.reply)
        XCTAssertTrue(
            effects.contains { if case .saveReplyDraft(let d) = $0 { return d.body.isEmpty } else { return false } },
            "the stored draft is emptied (deleted): \(effects)")
    }

    func testAPickerIsJudgedOnTheVersionItOpenedOn() {
        var s = opened()
        _ = Reducer.reduce(&s, .key(.char("p")))
        guard case .picker = s.overlay else { return XCTFail("no priority picker: \(s.overlay)") }
        // Someone else's commit reloads the ticket while the picker is open.
        var newer = s.ticket.detail!
        newer.ticket.version = 4
        newer.ticket.priority = .urgent
        _ = Reducer.reduce(&s, .ticketLoaded(newer))
        let effects = Reducer.reduce(&s, .key(.enter))
        guard case .perform(_, 5, let version)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(version, 3, "the base is the version the picker opened on")
    }

    func testAClashingChangeReopensThePickerOnTheCurrentValue() {
        var s = opened()
        let ada = ConcurrentChange(
            eventId: 42, kind: "ticket.priority", aspects: [.priority], actor: "ada", author: nil, before: "normal",
            after: "urgent", at: 0, age: 20, text: nil)
        let conflict = TicketConflict(ticket: 5, base: 3, current: 4, changes: [ada])
        let effects = Reducer.reduce(
            &s, .operationFailed(.priority(.low), ticket: 5, message: conflict.sentence, conflict: conflict))
        XCTAssertTrue(effects.contains(.loadTicket(id: 5)))
        XCTAssertEqual(s.status?.isError, true)
        XCTAssertTrue(s.status?.text.contains("ada set priority to urgent 20 s ago") == true, "\(String(describing: s.status))")
        var newer = s.ticket.detail!
        newer.ticket.version = 4
        newer.ticket.priority = .urgent
        _ = Reducer.reduce(&s, .ticketLoaded(newer))
        guard case .picker(let p) = s.overlay else { return XCTFail("the picker did not reopen: \(s.overlay)") }
        XCTAssertEqual(p.items.first { $0.detail == "current" }?.label, "urgent")
        XCTAssertEqual(s.actionBase, ActionBase(ticket: 5, version: 4))
    }

    func testAnUnrelatedChangeMeanwhileIsSaid() {
        var s = opened()
        _ = Reducer.reduce(&s, .operationDone(.priority(.high), ticket: 5, alsoChanged: ["ben added a note 20 s ago"]))
        XCTAssertEqual(
            s.status, StatusMessage(text: "#5: Priority is now high. Meanwhile: ben added a note 20 s ago.", isError: false))
    }

    func testADoneChangeSaysSoAndReloads() {
        var s = opened()
        let effects = Reducer.reduce(&s, .operationDone(.tag("vip"), ticket: 5))
        XCTAssertTrue(effects.contains(.loadTicket(id: 5)))
        XCTAssertEqual(s.status, StatusMessage(text: "#5: Tagged vip.", isError: false))
    }
}
