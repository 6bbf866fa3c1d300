import DeskModel
import Foundation
import GRDB
import XCTest

/// Routing rules, their explanations, and assignment within a branch.
final class RoutingTests: XCTestCase {
    let policy = Policy.standard

    func testFirstMatchWinsAndEachConditionKind() {
        func branch(_ input: RoutingInput) -> String { Router.route(input, policy: policy).branch }
        func rule(_ input: RoutingInput) -> String { Router.route(input, policy: policy).reason }
        XCTAssertEqual(
            rule(RoutingInput(channel: .email, customerTier: .vip, subject: "Refund please")), "vip-billing",
            "VIP and a billing word: the first rule, though billing-words would match too")
        XCTAssertEqual(
            rule(RoutingInput(channel: .email, recipient: "Billing@desk.example", subject: "Hello")), "billing-mailbox")
        XCTAssertEqual(rule(RoutingInput(channel: .email, recipient: "x@billing.desk.example", subject: "Hi")), "billing-mailbox")
        XCTAssertEqual(rule(RoutingInput(channel: .chat, recipient: "billing@desk.example", subject: "Hi")), "default")
        XCTAssertEqual(
            rule(RoutingInput(channel: .webForm, subject: "Question", body: "Where is my RECEIPT?")), "billing-words",
            "keywords are tried on the first message too, any case")
        XCTAssertEqual(
            rule(RoutingInput(channel: .chat, customerTier: .strategic, subject: "Sync broken")), "strategic-technical")
        XCTAssertEqual(rule(RoutingInput(channel: .chat, subject: "Sync", language: "de-AT")), "german-speaking")
        XCTAssertEqual(rule(RoutingInput(channel: .chat, subject: "Sync", language: "da")), "default")
        XCTAssertEqual(branch(RoutingInput(channel: .phone, subject: "Login")), "Technical L1")
    }

    func testKeywordsWorkedOutBeforehandRouteAsRoutingDoes() {
        let inputs = [
            RoutingInput(channel: .email, customerTier: .vip, subject: "Refund please"),
            RoutingInput(channel: .webForm, subject: "Question", body: "Where is my RECEIPT?"),
            RoutingInput(channel: .email, subject: "Sync broken", body: "nothing about money"),
        ]
        for input in inputs {
            var prepared = input
            prepared.keywords = KeywordFindings(policy: policy, subject: input.subject, body: input.body)
            XCTAssertEqual(Router.route(prepared, policy: policy), Router.route(input, policy: policy), input.subject)
        }
        // Findings for another text (a follow-up's "Re: …" subject) are not used.
        var other = RoutingInput(channel: .email, subject: "Question", body: "Where is my receipt?")
        other.keywords = KeywordFindings(policy: policy, subject: "Sync broken", body: "nothing")
        XCTAssertEqual(Router.route(other, policy: policy).reason, "billing-words")
        var stale = RoutingInput(channel: .email, subject: "Sync broken", body: "nothing")
        stale.keywords = KeywordFindings(policy: policy, subject: "Refund", body: "nothing")
        XCTAssertEqual(Router.route(stale, policy: policy).reason, "default")
    }

    func testOrganizationAndProductAreaConditions() throws {
        let p = try Policy.parse(
            yaml: """
                branches:
                  - {name: A, tier: tier1}
                  - {name: B, tier: tier2}
                default_branch: A
                routing:
                  - name: globex-api
                    when: {organization: Globex Corporation, product_area: [api, data]}
                    branch: B
                """, file: "p.yaml")
        let yes = RoutingInput(channel: .email, organization: "globex corporation", productArea: "API", subject: "x")
        XCTAssertEqual(Router.route(yes, policy: p).reason, "globex-api")
        var no = yes
        no.productArea = "billing"
        XCTAssertEqual(Router.route(no, policy: p).reason, "default")
    }

    func testExplanationListsEveryRuleTriedAndWhy() {
        let d = Router.route(RoutingInput(channel: .chat, customerTier: .strategic, subject: "Sync broken"), policy: policy)
        XCTAssertEqual(
            d.explanation(),
            """
            rule vip-billing (line 54): no match
                ✓ customer_tier: wanted one of vip, strategic; ticket has strategic
                ✗ keywords: wanted /invoice|refund|charge|billing|payment/; ticket has no match in subject or first message
            rule billing-mailbox (line 59): no match
                ✗ channel: wanted email; ticket has chat
                ✗ recipient: wanted one of billing@desk.example, *@billing.desk.example; ticket has none
            rule billing-words (line 64): no match
                ✗ keywords: wanted /invoice|refund|charged?|billing|payment|receipt|vat/; ticket has no match in subject or first message
            rule strategic-technical (line 68): MATCH → Technical L2
                ✓ customer_tier: wanted strategic; ticket has strategic
            → Technical L2 (routed by rule strategic-technical)
            """)
    }

    /// Two agents in a round-robin branch take turns; least-open picks the emptier one and
    /// capacity passes over a full agent; an unavailable agent gets nothing.
    func testAssignmentModesAndCapacity() throws {
        func desk(_ mode: String, capacity: Int? = nil) throws -> (Desk, Agent, Agent) {
            let p = try Policy.parse(
                yaml: """
                    branches:
                      - name: Billing L1
                        tier: tier1
                        assignment: \(mode)
                    \(capacity.map { "    capacity: \($0)" } ?? "")
                    default_branch: Billing L1
                    """, file: "p.yaml")
            return try makeDesk(policy: p)
        }
        func owners(_ d: Desk, _ n: Int) throws -> [String] {
            try (0..<n).map { i in
                let t = try d.createTicket(
                    by: nil, customerEmail: "c\(i)@x.example", subject: "T\(i)", channel: .email, body: "b")
                return try d.ticketDetail(id: t.id!).assignee?.handle ?? "-"
            }
        }
        let (rr, _, _) = try desk("round-robin")
        XCTAssertEqual(try owners(rr, 4), ["ada", "ben", "ada", "ben"])

        let (least, ada, _) = try desk("least-open")
        let first = try least.createTicket(by: nil, customerEmail: "z@x.example", subject: "Z", channel: .email, body: "b")
        XCTAssertEqual(try least.ticketDetail(id: first.id!).assignee?.handle, "ada")
        XCTAssertEqual(try owners(least, 3), ["ben", "ada", "ben"])
        try least.setStatus(ticket: first.id!, to: .solved, by: ada)
        XCTAssertEqual(try owners(least, 1), ["ada"], "solved tickets do not count as open")

        let (capped, _, _) = try desk("least-open", capacity: 1)
        XCTAssertEqual(try owners(capped, 3), ["ada", "ben", "-"], "everyone full: left for someone to take")

        let (away, _, _) = try desk("round-robin")
        try away.db.write { db in try db.execute(sql: "UPDATE agents SET available = 0 WHERE handle = 'ada'") }
        XCTAssertEqual(try owners(away, 2), ["ben", "ben"])
    }

    func testDecisionIsStoredAndShownAndReroutingExplains() throws {
        let (desk, ada, _) = try makeDesk(policy: .standard)
        let t = try desk.createTicket(
            by: nil, customerEmail: "a@b.example", subject: "Wrong VAT on invoice", channel: .email, body: "see subject")
        XCTAssertEqual(t.routedBy, "billing-words")
        let d = try desk.ticketDetail(id: t.id!)
        XCTAssertEqual(d.branch?.name, "Billing L1")
        XCTAssertTrue(d.timeline.contains { $0.body.hasPrefix("routed this to Billing L1 (by rule `billing-words`)") })
        let moved = try desk.move(ticket: t.id!, toBranch: "technical l2", by: ada)
        XCTAssertEqual(moved.routedBy, "moved by hand")
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).branch?.name, "Technical L2")
        let back = try desk.route(ticket: t.id!, by: ada)
        XCTAssertEqual(back.routedBy, "billing-words")
        XCTAssertThrowsError(try desk.move(ticket: t.id!, toBranch: "Nowhere", by: ada)) { error in
            XCTAssertTrue("\(error)".hasPrefix("no branch named 'Nowhere' (known branches: Billing L1"), "\(error)")
        }
    }
}
