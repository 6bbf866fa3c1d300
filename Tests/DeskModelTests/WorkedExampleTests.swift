import DeskModel
import GRDB
import XCTest

/// The case desk was designed from, replayed on the demo database with the shipped policy, as the
/// CLI drives it (`desk ticket assess`, `desk ticket note --repro`, `desk escalate`): a strategic
/// account's admin exports fail to sync on workspaces over 50k records; the core workflow is
/// degraded, a manual export from the admin panel works round it (docs/escalation.md).
final class WorkedExampleTests: XCTestCase {
    let workaround = "run a manual export from the admin panel (Admin → Exports → Export now)"

    func testTheStrategicExportSyncCaseComesOutAsDesigned() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        XCTAssertEqual(desk.policy, Policy.standard, "the shipped policy")
        // A strategic customer of the demo, with an account owner.
        let row = try XCTUnwrap(
            try desk.db.read {
                try Row.fetchOne(
                    $0,
                    sql: """
                        SELECT c.email, a.handle FROM customers c JOIN agents a ON a.id = c.accountOwnerId
                        WHERE c.tier = 'strategic' ORDER BY c.id LIMIT 1
                        """)
            })
        let email: String = row["email"]
        let accountOwner: String = row["handle"]
        let grace = try desk.agent(handle: "grace")

        let t = try desk.createTicket(
            by: nil, customerEmail: email, subject: "Admin exports fail to sync every few runs", channel: .email,
            body: "Our admin exports fail to sync intermittently. This blocks the weekly reporting of the whole finance team.",
            priority: .high, productArea: "exports")
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).branch?.name, "Technical L2", "routed by strategic-technical")
        try desk.assess(ticket: t.id!, impact: .team, workaround: .yes, by: grace)
        try desk.reproNote(
            ticket: t.id!,
            body:
                "Reproduced on a workspace with 52k records: every third export stops at 'syncing'.\nUnder 50k records it never fails.",
            by: grace)

        // `desk escalate N --to Engineering --workaround-text … --next-action 'Engineering: …' --send-update`
        let draft = try desk.escalationDraft(ticket: t.id!, by: grace, to: "Engineering")
        var p = draft.package
        p.workaroundText = workaround
        p.nextActions =
            [
                NextAction.parse(
                    "Engineering: confirm the patch window for the export sync fix", owners: draft.owners,
                    defaultOwner: "Engineering")
            ]
            + p.nextActions
        p.customerUpdate = try XCTUnwrap(draft.renderUpdate(for: p))
        p.sendUpdate = true
        for i in p.missing.indices { p.missing[i].acknowledged = true }
        let e = try desk.escalate(ticket: t.id!, package: p, by: grace)
        let stored = try XCTUnwrap(e.decodedPackage)

        // Severity 2: a core workflow degraded for a strategic account while a workaround exists.
        XCTAssertEqual(stored.severity.severity, .sev2)
        XCTAssertEqual(stored.severity.rule, "key-account-degraded")
        XCTAssertTrue(stored.severity.rationale.contains("core workflow is degraded for a key account"))

        // The update: reproduced, a fix being prioritised, the workaround; paragraphs, no internal names.
        let update = stored.customerUpdate
        XCTAssertTrue(update.contains("We have reproduced the issue"), update)
        XCTAssertTrue(update.contains("prioritising a fix"), update)
        XCTAssertTrue(update.contains("you can work around it: \(workaround)"), update)
        XCTAssertTrue(update.contains("our engineering team"), update)
        for name in Policy.standard.branches.map(\.name) { XCTAssertFalse(update.contains(name), "\(name) in: \(update)") }
        XCTAssertFalse(update.contains(".\nWe") || update.contains("have\n"), "no hard breaks inside a paragraph: \(update)")
        let sent = try desk.ticketDetail(id: t.id!).timeline.last { $0.kind == .publicReply }
        XCTAssertEqual(sent?.body, update, "what the customer gets is what the package holds")

        // Next actions for two owners: engineering's patch window, the account owner's update and log.
        XCTAssertEqual(stored.nextActions.map(\.owner), ["Engineering", accountOwner])
        XCTAssertEqual(stored.nextActions[0].action, "confirm the patch window for the export sync fix")
        XCTAssertEqual(
            stored.nextActions[1].action, "Update the customer by end of day and log the impact on the account.")

        // What the receiver reads (`desk escalation show`, the console's E) says all of it.
        let (_, summary) = try desk.escalation(id: e.id!)
        let text = PackageOutline(stored, request: summary).textLines.joined(separator: "\n")
        for expected in [
            "sev2 by rubric row `key-account-degraded`", "Workaround: yes — \(workaround)", "Impact: team",
            "- Engineering: confirm the patch window", "- \(accountOwner): Update the customer by end of day",
            "1. Reproduced on a workspace with 52k records", "Requested by grace (Technical L2)",
        ] {
            XCTAssertTrue(text.contains(expected), "\(expected) in:\n\(text)")
        }
    }
}
