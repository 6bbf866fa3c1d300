import DeskTUI
import Foundation
import XCTest

@testable import DeskModel

/// The escalation composer from the keyboard: the review refuses with the cursor on the first
/// failing part, facts re-judge severity, a new owner re-renders an unedited update, and a
/// package that passes goes to the runner as one escalate operation.
final class ComposerReducerTests: XCTestCase {
    static func opened() -> AppState {
        let agent = AgentRef(id: 1, handle: "chloe", name: "Chloé Martin")
        var s = AppState(
            width: 120, height: 40, agent: agent, now: 1000, escalation: Policy.standard.escalation)
        var ticket = Ticket(
            id: 7, subject: "Reset mail", status: .open, channel: .email, customerId: 1, createdAt: Date(timeIntervalSince1970: 0)
        )
        ticket.version = 4
        ticket.productArea = "login"
        let detail = TicketDetail(
            ticket: ticket, customer: Customer(id: 1, email: "p@initech.example", name: "Priya"), organization: nil,
            accountOwner: nil, branch: nil, assignee: nil, timeline: [], earlierMessages: 0)
        _ = Reducer.reduce(&s, .ticketLoaded(detail))
        s.focus = .ticket
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("e"))), [.loadDraft(ticket: 7)])
        let update = "Hello Priya, our Technical L2 team has it."
        var package = EscalationPackage(
            summary: [Claim.parse("Priya reports: Reset mail [#1]")], repro: [],
            severity: SeverityAssessment(severity: .sev4, rule: "default", rationale: "Nothing."), customerUpdate: update,
            toBranch: "Technical L2", nextActions: [], missing: [])
        package.refreshMissing(accountOwner: false, productArea: true, toEngineering: false)
        var draft = EscalationDraft(
            ticketId: 7, version: 4, package: package, targets: ["Technical L2", "Engineering"],
            agents: ["Technical L2": ["grace", "hiro"]], engineering: ["Engineering"],
            sources: SourceContext(messages: 1, rules: []), triggers: [], renderedUpdate: update)
        draft.owners = ["Technical L2", "Engineering", "grace", "hiro"]
        draft.internalNames = Policy.standard.internalBranchNames
        draft.updateTemplate = Policy.standard.escalation.customerUpdate
        draft.updateFacts = CustomerUpdate.Facts(
            customerName: "Priya", ticketId: 7, subject: "Reset mail", team: "", agentName: "Chloé Martin")
        draft.publicNames = ["Technical L2": "technical specialists", "Engineering": "engineering team"]
        _ = Reducer.reduce(&s, .draftLoaded(draft))
        return s
    }

    func press(_ keys: [Key], _ s: inout AppState) -> [Effect] {
        var last: [Effect] = []
        for k in keys { last = Reducer.reduce(&s, .key(k)) }
        return last
    }

    func testTheReviewRefusesThenTheFixedPackageIsSubmitted() throws {
        var s = Self.opened()
        XCTAssertEqual(s.composer?.rows.first, .owner)
        XCTAssertEqual(press([.char("S")], &s), [])
        XCTAssertEqual(s.composer?.failures.map(\.field), [.nextAction, .missing, .missing, .missing, .missing])
        XCTAssertEqual(s.composer?.selectedRow, .addNextAction, "the cursor goes to the first failing part")
        XCTAssertEqual(s.status?.text, "not ready: 5 problems, listed below")
        // Next actions are a list in the editor: a line without an owner is the next owner's.
        _ = press([.enter] + "Check the relay logs".map { .char($0) } + [.enter] + "hiro: call Priya back".map { .char($0) }, &s)
        _ = press([.escape], &s)
        XCTAssertEqual(s.composer?.package.nextAction, "Check the relay logs")
        XCTAssertEqual(
            s.composer?.package.nextActions,
            [
                NextAction(owner: "Technical L2", action: "Check the relay logs"),
                NextAction(owner: "hiro", action: "call Priya back"),
            ])
        XCTAssertEqual(s.composer?.selectedRow, .addNextAction)
        XCTAssertEqual(s.composer?.failures, [], "any change clears the last verdict")
        // Tick the four missing items (repro, impact, workaround, account owner).
        let at = s.composer?.rows.firstIndex(of: .addNextAction) ?? 0
        s.composer?.selected = at
        for _ in 0..<4 { _ = press([.down, .char(" ")], &s) }
        let effects = press([.char("S")], &s)
        let p = try XCTUnwrap(s.composer?.package)
        XCTAssertEqual(effects, [.perform(.escalate(p), ticket: 7, version: 4)])
        // Done: the composer goes, the panel shows the escalation.
        _ = Reducer.reduce(&s, .operationDone(.escalate(p), ticket: 7))
        XCTAssertNil(s.composer)
        XCTAssertTrue(s.ticket.showEscalation)
    }

    func testFactsRejudgeSeverityAndANewOwnerRerendersTheUpdate() throws {
        var s = Self.opened()
        // Impact: unknown → single → team → organization; workaround unknown → yes → no.
        _ = press([.down, .down, .enter, .enter, .enter, .down, .enter, .enter], &s)
        var p = try XCTUnwrap(s.composer?.package)
        XCTAssertEqual(p.impact, .organization)
        XCTAssertEqual(p.workaround, .no)
        XCTAssertEqual(p.severity.severity, .sev1)
        XCTAssertEqual(p.severity.rule, "outage-no-workaround")
        XCTAssertFalse(p.missing.contains { $0.key == "impact" || $0.key == "workaround" })
        // By hand: sev1 asks why; the reason is kept; the rubric no longer applies.
        _ = press([.down, .enter], &s)
        XCTAssertEqual(s.overlay, .prompt(.severityReason, ""))
        _ = press("customer says it is critical".map { .char($0) } + [.enter], &s)
        XCTAssertEqual(s.composer?.package.severityOverride, "customer says it is critical")
        // The next owner: Engineering; the unedited update follows; repro becomes engineering's ask.
        _ = press([.home, .enter], &s)
        p = try XCTUnwrap(s.composer?.package)
        XCTAssertEqual(p.toBranch, "Engineering")
        XCTAssertTrue(p.customerUpdate.contains("passed it to our engineering team"), p.customerUpdate)
        XCTAssertFalse(p.customerUpdate.contains("Engineering"), "the customer reads the public name: \(p.customerUpdate)")
        XCTAssertEqual(p.missing.first?.text, "no reproduction steps: engineering will ask for them first")
        // Esc keeps it: e on the same ticket brings the same package back without a load.
        _ = press([.escape], &s)
        XCTAssertEqual(s.composer?.open, false)
        XCTAssertEqual(press([.char("e")], &s), [])
        XCTAssertEqual(s.composer?.package.toBranch, "Engineering")
    }
}

extension ComposerReducerTests {
    /// The workaround's "how" is asked for once there is one; the unedited update then states it,
    /// says the issue is reproduced once there are steps, and names the next owner by its public
    /// name; the next owner's step follows a change of owner.
    func testTheUpdateFollowsTheWorkaroundTheStepsAndTheOwner() throws {
        var s = Self.opened()
        _ = press([.down, .enter, .enter], &s)  // agent row, then impact: single
        XCTAssertFalse(s.composer!.rows.contains(.workaroundText), "no workaround yet: nothing to say how")
        let at = try XCTUnwrap(s.composer?.rows.firstIndex(of: .workaround))
        s.composer?.selected = at
        _ = press([.enter], &s)
        XCTAssertEqual(s.composer?.package.workaround, .yes)
        XCTAssertEqual(s.composer?.rows[at + 1], .workaroundText)
        _ = press([.down, .enter], &s)
        XCTAssertEqual(s.overlay, .prompt(.workaroundText, ""))
        _ = press("reset it from the admin panel".map { .char($0) } + [.enter], &s)
        var p = try XCTUnwrap(s.composer?.package)
        XCTAssertEqual(p.workaroundText, "reset it from the admin panel")
        XCTAssertTrue(p.customerUpdate.contains("you can work around it: reset it from the admin panel"), p.customerUpdate)
        XCTAssertTrue(p.customerUpdate.contains("passed it to our technical specialists"), p.customerUpdate)
        // Steps given: the update says it is reproduced.
        let repro = try XCTUnwrap(s.composer?.rows.firstIndex(of: .addRepro))
        s.composer?.selected = repro
        _ = press([.char("o")] + "Tap reset [#1]".map { .char($0) } + [.escape], &s)
        p = try XCTUnwrap(s.composer?.package)
        XCTAssertTrue(p.customerUpdate.contains("We have reproduced the issue"), p.customerUpdate)
        // The next owner's step moves with the owner.
        s.composer?.package.nextAction = "Check the relay"
        _ = press([.home, .enter], &s)
        p = try XCTUnwrap(s.composer?.package)
        XCTAssertEqual(p.toBranch, "Engineering")
        XCTAssertEqual(p.nextActions, [NextAction(owner: "Engineering", action: "Check the relay")])
        XCTAssertTrue(p.customerUpdate.contains("our engineering team are prioritising a fix"), p.customerUpdate)
        // Edited by hand, it stays as written.
        s.composer?.package.customerUpdate = "Hi Priya, written by hand."
        s.composer?.selected = 0
        _ = press([.enter], &s)
        XCTAssertEqual(s.composer?.package.customerUpdate, "Hi Priya, written by hand.")
    }
}

/// The longer parts of the package are written in the editor widget, not a one-line prompt.
final class ComposerEditorTests: XCTestCase {
    func press(_ keys: [Key], _ s: inout AppState) -> [Effect] {
        var last: [Effect] = []
        for k in keys { last = Reducer.reduce(&s, .key(k)) }
        return last
    }

    func typed(_ text: String) -> [Key] { text.map { .char($0) } }

    func select(_ row: ComposerRow, _ s: inout AppState) throws {
        let i = try XCTUnwrap(s.composer?.rows.firstIndex(of: row), "no row \(row)")
        s.composer?.selected = i
    }

    func testSummaryClaimsAreEditedAsAListAndComeBackWithTheirSources() throws {
        var s = ComposerReducerTests.opened()
        try select(.summary(0), &s)
        _ = press([.enter], &s)
        let r = try XCTUnwrap(s.reply)
        XCTAssertEqual(r.purpose, .escalation(.summary))
        XCTAssertEqual(r.editor.text, "- Priya reports: Reset mail [#1]")
        XCTAssertEqual(r.editor.cursor, TextPos(line: 0, col: 32), "the cursor is at the end of the chosen claim")
        XCTAssertTrue(s.layout.writing, "the editor has the ticket pane; the composer steps aside")
        XCTAssertEqual(s.composer?.open, false)
        // Enter continues the list; the new claim cites a field.
        _ = press([.enter] + typed("Tier is VIP [field customer.tier]"), &s)
        XCTAssertEqual(s.reply?.editor.text, "- Priya reports: Reset mail [#1]\n- Tier is VIP [field customer.tier]")
        _ = press([.escape], &s)
        XCTAssertNil(s.reply)
        XCTAssertEqual(s.composer?.open, true)
        XCTAssertEqual(
            s.composer?.package.summary,
            [
                Claim(text: "Priya reports: Reset mail", sources: [.message(1)]),
                Claim(text: "Tier is VIP", sources: [.field("customer.tier")]),
            ])
        XCTAssertEqual(s.composer?.selectedRow, .addSummary)
        XCTAssertEqual(s.status?.text, "Summary: 2 claims (kept in the package; S submits).")
    }

    func testReproStepsAreANumberedListAndCtrlSReturnsToThePackage() throws {
        var s = ComposerReducerTests.opened()
        try select(.addRepro, &s)
        _ = press([.char("o")], &s)
        XCTAssertEqual(s.reply?.editor.text, "1. ")
        _ = press(typed("Open the app [#1]") + [.enter] + typed("Tap reset"), &s)
        XCTAssertEqual(s.reply?.editor.text, "1. Open the app [#1]\n2. Tap reset")
        _ = press([.ctrl("s")], &s)
        XCTAssertEqual(
            s.composer?.package.repro,
            [Claim(text: "Open the app", sources: [.message(1)]), Claim(text: "Tap reset", sources: [])])
        XCTAssertFalse(
            s.composer?.package.missing.contains { $0.key == "repro" } ?? true, "steps given: nothing missing about them")
        // Emptying the list in the editor removes every step.
        try select(.repro(0), &s)
        _ = press([.enter, .ctrl("a"), .ctrl("k"), .up, .ctrl("a"), .ctrl("k"), .escape], &s)
        XCTAssertEqual(s.composer?.package.repro.count, 1, "a line left with text stays a step")
    }

    func testTheCustomerUpdateIsWrittenInTheEditorAndAReplyDraftIsKept() throws {
        var s = ComposerReducerTests.opened()
        _ = Reducer.reduce(&s, .idle)  // the ticket's own draft and suggestions load
        // A reply draft in progress is saved before the package part takes the editor.
        var draft = ReplyState(ticketId: 7, mode: .reply, text: "Hi Priya,", focused: false)
        draft.dirty = true
        s.reply = draft
        try select(.update, &s)
        let effects = press([.enter], &s)
        guard case .saveReplyDraft(let saved)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(saved.body, "Hi Priya,")
        XCTAssertEqual(s.reply?.purpose, .escalation(.customerUpdate))
        XCTAssertEqual(s.reply?.editor.text, "Hello Priya, our Technical L2 team has it.")
        XCTAssertFalse(
            Reducer.reduce(&s, .idle).contains { if case .saveReplyDraft = $0 { true } else { false } },
            "a package part is not a draft: nothing saved on a pause")
        _ = press([.enter, .enter] + typed("We will write again by **5pm**."), &s)
        _ = press([.escape], &s)
        XCTAssertEqual(
            s.composer?.package.customerUpdate, "Hello Priya, our Technical L2 team has it.\n\nWe will write again by **5pm**.")
        // The reply draft comes back on the next pause.
        XCTAssertTrue(Reducer.reduce(&s, .idle).contains(.loadReplyDraft(ticket: 7)))
    }
}
