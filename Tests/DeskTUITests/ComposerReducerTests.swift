import DeskTUI
import Foundation
import XCTest

@testable import DeskModel

/// The escalation composer from the keyboard: the review refuses with the cursor on the first
/// failing part, facts re-judge severity, a new owner re-renders an unedited update, and a
/// package that passes goes to the runner as one escalate operation.
final class ComposerReducerTests: XCTestCase {
    let agent = AgentRef(id: 1, handle: "chloe", name: "Chloé Martin")

    func opened() -> AppState {
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
            toBranch: "Technical L2", nextAction: "", missing: [])
        package.refreshMissing(accountOwner: false, productArea: true, toEngineering: false)
        let draft = EscalationDraft(
            ticketId: 7, version: 4, package: package, targets: ["Technical L2", "Engineering"],
            agents: ["Technical L2": ["grace", "hiro"]], engineering: ["Engineering"],
            sources: SourceContext(messages: 1, rules: []), triggers: [], renderedUpdate: update)
        _ = Reducer.reduce(&s, .draftLoaded(draft))
        return s
    }

    func press(_ keys: [Key], _ s: inout AppState) -> [Effect] {
        var last: [Effect] = []
        for k in keys { last = Reducer.reduce(&s, .key(k)) }
        return last
    }

    func testTheReviewRefusesThenTheFixedPackageIsSubmitted() throws {
        var s = opened()
        XCTAssertEqual(s.composer?.rows.first, .owner)
        XCTAssertEqual(press([.char("S")], &s), [])
        XCTAssertEqual(s.composer?.failures.map(\.field), [.nextAction, .missing, .missing, .missing, .missing])
        XCTAssertEqual(s.composer?.selectedRow, .nextAction, "the cursor goes to the first failing part")
        XCTAssertEqual(s.status?.text, "not ready: 5 problems, listed below")
        _ = press([.enter] + "Check the relay logs".map { .char($0) } + [.enter], &s)
        XCTAssertEqual(s.composer?.package.nextAction, "Check the relay logs")
        XCTAssertEqual(s.composer?.failures, [], "any change clears the last verdict")
        // Tick the four missing items (repro, impact, workaround, account owner).
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
        var s = opened()
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
        XCTAssertTrue(p.customerUpdate.contains("passed it to our Engineering team"), p.customerUpdate)
        XCTAssertEqual(p.missing.first?.text, "no reproduction steps: engineering will ask for them first")
        // Esc keeps it: e on the same ticket brings the same package back without a load.
        _ = press([.escape], &s)
        XCTAssertEqual(s.composer?.open, false)
        XCTAssertEqual(press([.char("e")], &s), [])
        XCTAssertEqual(s.composer?.package.toBranch, "Engineering")
    }
}
