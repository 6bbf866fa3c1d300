import DeskModel
import Foundation
import XCTest

/// `desk report escalations` counts as things stood when they happened (issue 20 point 5): a
/// closed period's report is the same, byte for byte, before and after later changes.
final class EscalationReportTests: XCTestCase {
    let from = FixedClock.parse("2026-11-20T00:00:00Z")!
    let to = FixedClock.parse("2026-11-21T00:00:00Z")!

    func ticket(_ desk: Desk, _ subject: String) throws -> Ticket {
        try desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: subject, channel: .email,
            body: "The card payment fails at checkout.", productArea: "billing")
    }

    func reportJSON(_ desk: Desk) throws -> String {
        JSONTime.encode(try desk.escalationReport(from: from, to: to))
    }

    func testAClosedPeriodIsTheSameAfterLaterChanges() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        // In the period: three tickets in Billing L1, two escalated, one of them accepted.
        let t1 = try ticket(cast.at("2026-11-20T09:00:00Z"), "Charged twice")
        let t2 = try ticket(cast.at("2026-11-20T09:10:00Z"), "Refund missing")
        let t3 = try ticket(cast.at("2026-11-20T10:00:00Z"), "Invoice address")
        let d1 = cast.at("2026-11-20T09:05:00Z")
        let e1 = try d1.escalate(ticket: t1.id!, package: try cast.readyPackage(t1.id!, by: cast.ben, on: d1), by: cast.ben)
        let d2 = cast.at("2026-11-20T09:15:00Z")
        let e2 = try d2.escalate(ticket: t2.id!, package: try cast.readyPackage(t2.id!, by: cast.ben, on: d2), by: cast.ben)
        try cast.at("2026-11-20T09:35:00Z").acceptEscalation(e2.id!, by: cast.farid)

        let closed = cast.at("2026-11-22T09:00:00Z")
        let before = try reportJSON(closed)
        let l1 = try XCTUnwrap(try closed.escalationReport(from: from, to: to).branches.first { $0.branch == "Billing L1" })
        XCTAssertEqual([l1.tickets, l1.escalations, l1.bounces, l1.repeatEscalations], [3, 2, 0, 0])
        XCTAssertEqual(l1.medianMinutesToAccept, 20)
        XCTAssertEqual(l1.escalationRate, 2.0 / 3.0, accuracy: 1e-9)

        // After the period: e1 is returned, t1 escalated again and accepted; e2 resolved, t2
        // de-escalated and escalated again; t3 moved to Billing L2 by hand.
        let later = cast.at("2026-11-23T09:00:00Z")
        try later.returnEscalation(e1.id!, reason: "Ask for the invoice number first.", by: cast.farid)
        let e1b = try later.escalate(ticket: t1.id!, package: try cast.readyPackage(t1.id!, by: cast.ben, on: later), by: cast.ben)
        try cast.at("2026-11-23T09:30:00Z").acceptEscalation(e1b.id!, by: cast.farid)
        try later.resolveEscalation(e2.id!, reason: "Refunded.", by: cast.farid)
        try later.deescalate(ticket: t2.id!, reason: "Back to Ben.", by: cast.farid)
        try later.escalate(ticket: t2.id!, package: try cast.readyPackage(t2.id!, by: cast.ben, on: later), by: cast.ben)
        try later.move(ticket: t3.id!, toBranch: "Billing L2", by: cast.ada)
        XCTAssertEqual(
            try cast.desk.db.read { try String.fetchOne($0, sql: "SELECT b.name FROM tickets t JOIN branches b ON b.id = t.branchId WHERE t.id = ?", arguments: [t3.id]) },
            "Billing L2")

        let after = try reportJSON(cast.at("2026-11-24T09:00:00Z"))
        XCTAssertEqual(after, before, "the closed period's report changed after later events")
    }

    /// Tickets are counted under the branch they were routed to when created, not where they are.
    func testTicketsCountUnderTheirBranchAtCreation() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let t = try ticket(cast.desk, "Charged twice")
        try cast.desk.move(ticket: t.id!, toBranch: "Billing L2", by: cast.ada)
        let r = try cast.at("2026-11-22T00:00:00Z").escalationReport(from: from, to: to)
        XCTAssertEqual(r.branches.map(\.branch), ["Billing L1"])
        XCTAssertEqual(r.branches.first?.tickets, 1)
    }
}
