import DeskModel
import Foundation
import GRDB
import XCTest

/// Severity from the rubric, the package's review checklist, the escalation's life from request
/// to return, accept, resolve and de-escalation, and the report.
final class EscalationTests: XCTestCase {
    func newTicket(
        _ cast: EscalationCast, body: String = "The card payment fails at checkout.", tier: CustomerTier = .standard,
        email: String = "ann@acme.example"
    ) throws -> Ticket {
        let t = try cast.desk.createTicket(
            by: nil, customerEmail: email, subject: "Card declined", channel: .email, body: body,
            productArea: "billing")
        if tier != .standard {
            try cast.desk.db.write {
                try $0.execute(sql: "UPDATE customers SET tier = ? WHERE email = ?", arguments: [tier.rawValue, email])
            }
        }
        return t
    }

    func testAnAngryButMinorTicketStaysLowAndTheRubricNamesItsRow() throws {
        let cast = try EscalationCast()
        let angry = try newTicket(
            cast, body: "THIS IS UNACCEPTABLE!!! Your product is GARBAGE, I am FURIOUS, fix it NOW or I will sue!!!")
        try cast.desk.customerReply(ticket: angry.id!, body: "WORST SUPPORT EVER. URGENT URGENT URGENT. Escalate immediately!!!")
        try cast.desk.assess(ticket: angry.id!, impact: .single, workaround: .yes, by: cast.ben)
        var t = try cast.ticket(angry.id!)
        XCTAssertEqual(t.severity, .sev4)
        XCTAssertEqual(t.severityRule, "default")
        XCTAssertEqual(try cast.triggers(angry.id!), [], "the wording fires nothing")

        try cast.desk.assess(ticket: angry.id!, impact: .organization, workaround: .unknown, by: cast.ben)
        t = try cast.ticket(angry.id!)
        XCTAssertEqual(t.severity, .sev1)
        XCTAssertEqual(t.severityRule, "outage-no-workaround")
        let draft = try cast.desk.escalationDraft(ticket: angry.id!, by: cast.ben)
        XCTAssertEqual(draft.package.severity.rationale, "Everyone is stopped and there is no way round it.")

        // By hand: a reason is required and recorded; nil hands it back to the rubric.
        XCTAssertThrowsError(try cast.desk.overrideSeverity(ticket: angry.id!, to: .sev3, reason: " ", by: cast.ben)) {
            XCTAssertEqual("\($0)", "a reason is required for setting severity by hand.")
        }
        try cast.desk.overrideSeverity(ticket: angry.id!, to: .sev3, reason: "only the admin is affected", by: cast.ben)
        t = try cast.ticket(angry.id!)
        XCTAssertEqual([t.severity?.rawValue, t.severityOverride], ["sev3", "only the admin is affected"])
        try cast.desk.assess(ticket: angry.id!, impact: .team, workaround: nil, by: cast.ben)
        XCTAssertEqual(try cast.ticket(angry.id!).severity, .sev3, "an override holds over new facts")
        try cast.desk.overrideSeverity(ticket: angry.id!, to: nil, reason: nil, by: cast.ben)
        XCTAssertEqual(try cast.ticket(angry.id!).severity, .sev4, "back to the rubric: team, workaround unknown")
    }

    func testTheReviewChecklistExplainsEachFailure() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        var draft = try cast.desk.escalationDraft(ticket: t.id!, by: cast.ben)
        XCTAssertEqual(draft.targets, ["Billing L2", "Engineering"])
        XCTAssertEqual(draft.package.toBranch, "Billing L2")
        XCTAssertEqual(
            draft.package.summary.first?.line, "ann (standard) reports: Card declined [#1] [field customer.tier]")
        XCTAssertEqual(draft.package.missing.map(\.key), ["repro", "impact", "workaround", "account-owner"])
        XCTAssertEqual(
            draft.failures.map { "\($0.field.rawValue): \($0.message)" },
            [
                "next-action: no next action for Billing L2: say what the next owner should do first",
                "missing: not acknowledged: no reproduction steps (mark a note as repro, or ask the customer)",
                "missing: not acknowledged: impact unknown: one person, a team or the organization?",
                "missing: not acknowledged: workaround unknown",
                "missing: not acknowledged: no account owner for this customer",
            ])
        draft.package.summary.append(Claim.parse("The customer was charged twice"))
        draft.package.summary.append(Claim.parse("See the ledger [#9] [field ticket.colour] [rule sla.gold]"))
        draft.package.toBranch = "Billing L1"
        draft.package.nextAction = "Refund one charge."
        for i in draft.package.missing.indices { draft.package.missing[i].acknowledged = true }
        XCTAssertEqual(
            draft.failures.map(\.message),
            [
                "line 3 (\"The customer was charged twice\") cites no source: add [#N], [field …] or [rule …]",
                "line 4: [#9] points past the last message (#1)",
                "line 4: [field ticket.colour] is not a known field",
                "line 4: [rule sla.gold] is not a rule of the policy",
                "'Billing L1' is not an escalation path from here (allowed: Billing L2, Engineering)",
            ])
        // The service runs the same review and refuses with every line, changing nothing.
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: draft.package, by: cast.ben)) {
            XCTAssertTrue("\($0)".hasPrefix("the escalation package is not ready:\n  - Summary: line 3"), "\($0)")
        }
        XCTAssertEqual(try cast.ticket(t.id!).version, t.version)
        // Repro notes become sourced repro lines, and the missing item goes.
        try cast.desk.reproNote(ticket: t.id!, body: "Open checkout\nPay with a Visa card", by: cast.ben)
        draft = try cast.desk.escalationDraft(ticket: t.id!, by: cast.ben)
        XCTAssertEqual(draft.package.repro.map(\.line), ["Open checkout [#2]", "Pay with a Visa card [#2]"])
        XCTAssertFalse(draft.package.missing.contains { $0.key == "repro" })
    }

    func testInternalTextNeverReachesTheCustomer() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.note(ticket: t.id!, body: "Customer's card is flagged by our fraud rules, do not tell them.", by: cast.ben)
        var p = try cast.readyPackage(t.id!, by: cast.ben)
        p.sendUpdate = true
        // An update that repeats a note, or a summary line, is refused.
        p.customerUpdate = "Hi Ann, customer's card is flagged by our fraud rules, do not tell them."
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)) {
            XCTAssertTrue("\($0)".contains("Customer update: the customer update repeats internal text"), "\($0)")
        }
        p.customerUpdate = "FYI: " + p.summary[0].text
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben))
        p.customerUpdate = "Hi {{customer.name}}"
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)) {
            XCTAssertTrue("\($0)".contains("raw {{placeholder}}"), "\($0)")
        }
        // The template's update goes out; every internal text stays out of every public message.
        p.customerUpdate = try cast.desk.escalationDraft(ticket: t.id!, by: cast.ben, to: "Billing L2").renderedUpdate
        // This policy gives Billing L2 no public_name: the customer reads a neutral name, never the internal one.
        XCTAssertTrue(p.customerUpdate.contains("passed it to our specialist team"), p.customerUpdate)
        XCTAssertFalse(p.customerUpdate.contains("Billing L2"), p.customerUpdate)
        let e = try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)
        let public_ = try cast.desk.db.read {
            try String.fetchAll(
                $0, sql: "SELECT body FROM messages WHERE ticketId = ? AND visibility = 'public'", arguments: [t.id])
        }
        XCTAssertEqual(public_.count, 2)
        XCTAssertEqual(public_.last, p.customerUpdate)
        let stored = try XCTUnwrap(try cast.desk.escalation(id: e.id!).0.decodedPackage)
        for secret in stored.internalTexts + ["fraud rules"] where secret.count > 8 {
            for body in public_ { XCTAssertFalse(body.contains(secret), "\(secret) reached the customer") }
        }
        // Without "send", nothing public is written.
        // Same customer and area: a repeated ticket, whose trigger line in the summary cites its rule.
        let quiet = try newTicket(cast)
        XCTAssertEqual(try cast.triggers(quiet.id!), [.repeated])
        var q = try cast.readyPackage(quiet.id!, by: cast.ben)
        q.sendUpdate = false
        try cast.desk.escalate(ticket: quiet.id!, package: q, by: cast.ben)
        XCTAssertEqual(
            try cast.desk.db.read {
                try Int.fetchOne(
                    $0, sql: "SELECT count(*) FROM messages WHERE ticketId = ? AND visibility = 'public'", arguments: [quiet.id])
            }, 1)
    }

    func testRequestReturnAcceptResolveAndDeescalate() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let t = try newTicket(cast, tier: .vip)
        try cast.desk.take(ticket: t.id!, by: cast.ben)
        let slaBefore = try cast.ticket(t.id!)
        XCTAssertEqual(try cast.triggers(t.id!), [.account])

        // 40 minutes later (past the 30-minute window) Ben escalates: late, triggers acted on.
        let later = cast.at("2026-11-20T09:40:00Z")
        let e = try later.escalate(ticket: t.id!, package: try cast.readyPackage(t.id!, by: cast.ben, on: later), by: cast.ben)
        XCTAssertEqual(e.state, .requested)
        XCTAssertTrue(e.late)
        XCTAssertEqual(e.decodedTriggers.map(\.kind), [.account])
        var row = try cast.ticket(t.id!)
        XCTAssertEqual(
            try cast.desk.db.read {
                try String.fetchOne($0, sql: "SELECT name FROM branches WHERE id = ?", arguments: [row.branchId])
            }, "Billing L2")
        XCTAssertNil(row.assigneeId)
        XCTAssertEqual(row.slaDueAt, slaBefore.slaDueAt, "the SLA keeps running across the handoff")
        XCTAssertEqual(row.slaPolicy, slaBefore.slaPolicy)
        XCTAssertThrowsError(try later.escalate(ticket: t.id!, package: try cast.readyPackage(t.id!, by: cast.ben), by: cast.ben))
        {
            XCTAssertEqual(
                "\($0)",
                "ticket #\(t.id!) already has escalation #\(e.id!) requested; it must be returned, resolved or withdrawn first.")
        }

        // Only the receiving side acts; a return needs a reason and sends it back to Ben.
        XCTAssertThrowsError(try later.acceptEscalation(e.id!, by: cast.ben)) {
            XCTAssertEqual("\($0)", "escalation #\(e.id!) waits for Billing L2; ben is not in that branch.")
        }
        XCTAssertThrowsError(try later.returnEscalation(e.id!, reason: "", by: cast.farid)) {
            XCTAssertEqual("\($0)", "a reason is required for returning an escalation.")
        }
        try cast.at("2026-11-20T10:00:00Z").returnEscalation(
            e.id!, reason: "No invoice number: ask the customer first.", by: cast.farid)
        row = try cast.ticket(t.id!)
        XCTAssertEqual(row.assigneeId, cast.ben.id)
        XCTAssertEqual(row.routedBy, "returned from escalation #\(e.id!)")
        let panel = try cast.desk.escalationPanel(ticket: t.id!)
        XCTAssertEqual(panel.bounces, 1)
        XCTAssertEqual(panel.history.first?.reason, "No invoice number: ask the customer first.")
        XCTAssertNil(panel.current)

        // Second try, named to gus: farid may not take it; gus accepts and owns it; resolve; de-escalate.
        var p = try cast.readyPackage(t.id!, by: cast.ben)
        p.toAgent = "gus"
        let e2 = try cast.at("2026-11-20T10:10:00Z").escalate(ticket: t.id!, package: p, by: cast.ben)
        XCTAssertFalse(e2.late, "the triggers were acted on by the first request")
        XCTAssertEqual(try cast.ticket(t.id!).assigneeId, cast.gus.id)
        XCTAssertThrowsError(try later.acceptEscalation(e2.id!, by: cast.farid)) {
            XCTAssertEqual("\($0)", "escalation #\(e2.id!) was sent to gus by name; farid cannot act on it.")
        }
        try cast.at("2026-11-20T10:25:00Z").acceptEscalation(e2.id!, by: cast.gus)
        XCTAssertThrowsError(try later.withdrawEscalation(e2.id!, reason: nil, by: cast.ben)) {
            XCTAssertEqual("\($0)", "escalation #\(e2.id!) is accepted; only a requested one can be withdrawn.")
        }
        try cast.desk.resolveEscalation(e2.id!, reason: "Refunded the duplicate charge.", by: cast.gus)
        try cast.desk.deescalate(ticket: t.id!, reason: "Back to Ben for the follow-up.", by: cast.gus)
        row = try cast.ticket(t.id!)
        XCTAssertEqual(row.assigneeId, cast.ben.id)
        XCTAssertEqual(row.routedBy, "de-escalated from escalation #\(e2.id!)")
        XCTAssertThrowsError(try cast.desk.deescalate(ticket: t.id!, reason: nil, by: cast.ben))

        // The report: 1 ticket escalated twice, one bounce, one late, 15 minutes to accept.
        let report = try cast.desk.escalationReport(
            from: FixedClock.parse("2026-11-20T00:00:00Z")!, to: FixedClock.parse("2026-11-21T00:00:00Z")!)
        let l1 = try XCTUnwrap(report.branches.first { $0.branch == "Billing L1" })
        XCTAssertEqual(l1.tickets, 1)
        XCTAssertEqual(l1.escalations, 2)
        XCTAssertEqual(l1.escalationRate, 1)
        XCTAssertEqual(l1.medianMinutesToAccept, 15)
        XCTAssertEqual([l1.bounces, l1.late, l1.repeatEscalations], [1, 1, 2])
        XCTAssertEqual(l1.bounceRate, 0.5)
        let events = try cast.desk.db.read {
            try String.fetchAll(
                $0, sql: "SELECT kind FROM events WHERE ticketId = ? AND kind LIKE 'escalation.%' ORDER BY id", arguments: [t.id])
        }
        XCTAssertEqual(
            events,
            ["escalation.requested", "escalation.returned", "escalation.requested", "escalation.accepted", "escalation.resolved"])
    }

    func testTheLeadSeesWaitingBouncedAndLate() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let waiting = try newTicket(cast)
        try cast.desk.escalate(ticket: waiting.id!, package: try cast.readyPackage(waiting.id!, by: cast.ben), by: cast.ben)
        let ignored = try newTicket(cast, tier: .strategic, email: "zed@globex.example")
        try cast.desk.customerReply(ticket: ignored.id!, body: "Any news?")
        let overview = try cast.at("2026-11-20T09:31:00Z").escalationOverview()
        XCTAssertEqual(overview.waiting.map(\.ticketId), [waiting.id!])
        XCTAssertEqual(overview.lateTriggers.map(\.ticketId), [ignored.id!])
        XCTAssertEqual(overview.lateTriggers.first?.trigger.kind, .account)
        XCTAssertEqual(try cast.at("2026-11-20T09:29:00Z").escalationOverview().lateTriggers.count, 0, "inside the window")
    }
}
