import DeskModel
import Foundation
import XCTest

/// Giving a ticket outside its branch or below its tier: named, asked about by the console, and
/// refused by the service when the policy forbids it (`assignment.mismatch`).
final class AssignmentMismatchTests: XCTestCase {
    static let now = FixedClock.parse("2026-11-20T12:00:00Z")!

    func demo(_ rule: AssignmentPolicy.Mismatch) throws -> (Desk, Ticket) {
        var policy = Policy.standard
        policy.assignment.mismatch = rule
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(Self.now), policy: policy)
        try DemoBuilder(desk: desk).build()
        let lead = try desk.agent(handle: "ada")
        var t = try desk.createTicket(
            by: nil, customerEmail: "ana@example.com", subject: "Charged twice", channel: .email, body: "Twice.")
        let branch = try desk.ticketDetail(id: t.id!).branch?.name
        if branch != "Billing L1" {
            t = try desk.move(ticket: t.id!, toBranch: "Billing L1", by: lead)
        }
        return (desk, t)
    }

    func testTheMismatchIsNamed() throws {
        let (desk, t) = try demo(.ask)
        let lead = try desk.agent(handle: "ada")
        XCTAssertNil(try desk.assignmentMismatch(ticket: t.id!, to: "ben"), "Billing L1, tier 1: a match")
        XCTAssertEqual(
            try desk.assignmentMismatch(ticket: t.id!, to: "chloe"), "chloe is in Technical L1, the ticket in Billing L1")
        try desk.move(ticket: t.id!, toBranch: "Billing L2", by: lead)
        XCTAssertEqual(
            try desk.assignmentMismatch(ticket: t.id!, to: "ben"),
            "ben is a tier-1 agent of Billing L1, the ticket in Billing L2 (tier-2)")
        XCTAssertNil(try desk.assignmentMismatch(ticket: t.id!, to: "farid"))
        XCTAssertEqual(
            try desk.assignmentMismatch(ticket: t.id!, to: "grace"), "grace is in Technical L2, the ticket in Billing L2")
    }

    func testAskAssignsAndForbidRefusesWithTheReason() throws {
        let (asking, t1) = try demo(.ask)
        let lead = try asking.agent(handle: "ada")
        XCTAssertEqual(try asking.assign(ticket: t1.id!, to: "chloe", by: lead).assigneeId, try asking.agent(handle: "chloe").id)

        let (forbidding, t2) = try demo(.forbid)
        let boss = try forbidding.agent(handle: "ada")
        XCTAssertThrowsError(try forbidding.assign(ticket: t2.id!, to: "chloe", by: boss)) { error in
            XCTAssertEqual(
                "\(error)",
                "#\(t2.id!) cannot go to chloe: chloe is in Technical L1, the ticket in Billing L1; the policy forbids it (assignment.mismatch: forbid)."
            )
        }
        XCTAssertNotEqual(try forbidding.ticketDetail(id: t2.id!).assignee?.handle, "chloe", "nothing changed")
        // A tier-1 agent taking a tier-2 ticket is the same assignment.
        try forbidding.move(ticket: t2.id!, toBranch: "Billing L2", by: boss)
        XCTAssertThrowsError(try forbidding.take(ticket: t2.id!, by: try forbidding.agent(handle: "dev"))) {
            XCTAssertTrue("\($0)".contains("the policy forbids it"), "\($0)")
        }
        XCTAssertNoThrow(try forbidding.assign(ticket: t2.id!, to: "farid", by: boss))
    }

    func testThePolicySettingIsReadAndChecked() throws {
        XCTAssertEqual(Policy.standard.assignment.mismatch, .ask)
        let base = "branches:\n  - {name: A, tier: tier1}\ndefault_branch: A\n"
        XCTAssertEqual(try Policy.parse(yaml: base, file: "p.yaml").assignment.mismatch, .ask, "no section: ask")
        XCTAssertEqual(
            try Policy.parse(yaml: base + "assignment:\n  mismatch: forbid\n", file: "p.yaml").assignment.mismatch, .forbid)
        XCTAssertThrowsError(try Policy.parse(yaml: base + "assignment:\n  mismatch: never\n", file: "p.yaml")) {
            let text = ($0 as? PolicyError)?.issues.map(\.description).joined() ?? "\($0)"
            XCTAssertTrue(text.contains("expected one of: ask, forbid"), text)
            XCTAssertTrue(text.contains("assignment.mismatch"), text)
        }
    }
}
