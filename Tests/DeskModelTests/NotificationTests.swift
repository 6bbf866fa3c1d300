import DeskModel
import Foundation
import GRDB
import XCTest

/// What concerns an agent reaches them: each kind fires for the agents it names and never for
/// the agent who acted; mentions report unknown handles; SLA at risk is told once per target
/// and deadline; marking read changes no ticket; a refused write notifies nobody.
final class NotificationTests: XCTestCase {
    // MARK: - Helpers

    func newTicket(_ cast: EscalationCast, on desk: Desk? = nil, subject: String = "Card declined") throws -> Ticket {
        try (desk ?? cast.desk).createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: subject, channel: .email,
            body: "The card payment fails at checkout.", productArea: "billing")
    }

    /// Every notification of the agent, newest first.
    func all(_ desk: Desk, _ agent: Agent) throws -> [AgentNotification] {
        try desk.notifications(agent: agent.id!, limit: 1_000)
    }

    func kinds(_ desk: Desk, _ agent: Agent, except skipped: Set<NotificationKind> = [.slaAtRisk]) throws -> [NotificationKind] {
        try all(desk, agent).map(\.kind).filter { !skipped.contains($0) }
    }

    func eventId(_ desk: Desk, ticket: Int64, kind: String) throws -> Int64? {
        try desk.db.read {
            try Int64.fetchOne(
                $0, sql: "SELECT id FROM events WHERE ticketId = ? AND kind = ? ORDER BY id DESC LIMIT 1",
                arguments: [ticket, kind])
        }
    }

    // MARK: - One test per kind

    func testAssignedToYouByAnotherAgentButNotWhenYouTakeIt() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada)
        let got = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual(got.kind, .assigned)
        XCTAssertEqual(got.ticketId, t.id)
        XCTAssertEqual(got.subject, "Card declined")
        XCTAssertEqual(got.causedBy, "ada")
        XCTAssertEqual(got.text, "ada assigned it to you")
        XCTAssertEqual(got.createdAt, FixedClock.parse("2026-11-20T09:00:00Z")!.dbSeconds)
        XCTAssertFalse(got.isRead)
        XCTAssertEqual(got.eventId, try eventId(cast.desk, ticket: t.id!, kind: "ticket.assigned"))
        XCTAssertEqual(try kinds(cast.desk, cast.ada), [], "the actor is not told")

        let other = try newTicket(cast, subject: "Refund")
        try cast.desk.take(ticket: other.id!, by: cast.ben)
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [.assigned], "taking it yourself tells nobody")
    }

    /// Routing's automatic assignment tells the agent it picked, unless they opened the ticket;
    /// so does a move by hand into a branch that assigns.
    func testAssignedByRoutingTellsTheAgentItPicked() throws {
        let policy = try Policy.parse(
            yaml: """
                branches:
                  - {name: Billing L1, tier: tier1, assignment: round-robin}
                  - {name: Billing L2, tier: tier2}
                default_branch: Billing L1
                """, file: "round-robin.yaml")
        let (desk, ada, ben) = try makeDesk(policy: policy)
        let first = try desk.createTicket(by: nil, customerEmail: "a@x.example", subject: "One", channel: .email, body: "x")
        XCTAssertEqual(first.assigneeId, ada.id)
        let n = try XCTUnwrap(try all(desk, ada).first)
        XCTAssertEqual(n.kind, .assigned)
        XCTAssertNil(n.causedBy, "routing, not an agent")
        XCTAssertEqual(n.text, "New ticket, assigned to you in Billing L1")
        XCTAssertEqual(n.eventId, try eventId(desk, ticket: first.id!, kind: "ticket.assigned"))

        let second = try desk.createTicket(by: ada, customerEmail: "b@x.example", subject: "Two", channel: .email, body: "x")
        XCTAssertEqual(second.assigneeId, ben.id)
        XCTAssertEqual(try all(desk, ben).first?.causedBy, "ada", "opened by ada, assigned to ben by routing")
        let third = try desk.createTicket(by: ada, customerEmail: "c@x.example", subject: "Three", channel: .email, body: "x")
        XCTAssertEqual(third.assigneeId, ada.id)
        XCTAssertEqual(try kinds(desk, ada), [.assigned], "routing gave ada the ticket she opened: not told")

        // Moved by hand into the branch: its rotation picks the owner (ben had the last ticket).
        let moved = try desk.createTicket(by: nil, customerEmail: "d@x.example", subject: "Four", channel: .email, body: "x")
        XCTAssertEqual(moved.assigneeId, ben.id)
        try desk.move(ticket: moved.id!, toBranch: "Billing L2", by: ben)
        try desk.move(ticket: moved.id!, toBranch: "Billing L1", by: ben)
        XCTAssertEqual(try desk.ticketDetail(id: moved.id!).ticket.assigneeId, ada.id)
        XCTAssertEqual(try all(desk, ada).first?.text, "Assigned to you in Billing L1 (ben moved it)")
        XCTAssertEqual(try all(desk, ada).first?.causedBy, "ben")

        // A macro's branch move while sending: the same.
        try desk.move(ticket: moved.id!, toBranch: "Billing L2", by: ada)
        try desk.send(
            ticket: moved.id!,
            SendRequest(body: "Back to L1.", visibility: .internal, actions: MacroActions(branch: "Billing L1")),
            by: ada)
        XCTAssertEqual(try desk.ticketDetail(id: moved.id!).ticket.assigneeId, ben.id)
        let macro = try XCTUnwrap(try all(desk, ben).first)
        XCTAssertEqual([macro.kind.rawValue, macro.text], ["assigned", "Assigned to you in Billing L1 (ada moved it)"])
        XCTAssertEqual(macro.eventId, try eventId(desk, ticket: moved.id!, kind: "ticket.moved"))
    }

    func testAnEscalationTellsEveryAgentOfTheBranchOrTheNamedAgent() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.take(ticket: t.id!, by: cast.ben)
        let e = try cast.desk.escalate(ticket: t.id!, package: try cast.readyPackage(t.id!, by: cast.ben), by: cast.ben)
        for agent in [cast.farid, cast.gus] {
            let n = try XCTUnwrap(try all(cast.desk, agent).first)
            XCTAssertEqual(n.kind, .escalatedToBranch)
            XCTAssertEqual(n.causedBy, "ben")
            XCTAssertTrue(n.text.hasPrefix("ben escalated it to Billing L2"), n.text)
            XCTAssertEqual(n.eventId, try eventId(cast.desk, ticket: t.id!, kind: "escalation.requested"))
        }
        for agent in [cast.ada, cast.ben, cast.jonas] { XCTAssertEqual(try kinds(cast.desk, agent), [], agent.handle) }
        try cast.desk.withdrawEscalation(e.id!, reason: nil, by: cast.ben)

        var p = try cast.readyPackage(t.id!, by: cast.ben)
        p.toAgent = "farid"
        try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)
        XCTAssertEqual(try kinds(cast.desk, cast.farid), [.escalatedToYou, .escalatedToBranch])
        XCTAssertEqual(try kinds(cast.desk, cast.gus), [.escalatedToBranch], "named to farid: the rest of the branch is not told")
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [], "the withdrawal gave ben back his own ticket")
    }

    func testAcceptedAndReturnedTellTheRequester() throws {
        let cast = try EscalationCast()
        let returned = try newTicket(cast)
        try cast.desk.take(ticket: returned.id!, by: cast.ben)
        let e1 = try cast.desk.escalate(
            ticket: returned.id!, package: try cast.readyPackage(returned.id!, by: cast.ben), by: cast.ben)
        try cast.desk.returnEscalation(e1.id!, reason: "No invoice number: ask the customer first.", by: cast.farid)
        var n = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual(n.kind, .escalationReturned)
        XCTAssertEqual(n.causedBy, "farid")
        XCTAssertEqual(n.text, "farid returned your escalation #\(e1.id!): No invoice number: ask the customer first.")

        let accepted = try newTicket(cast, subject: "Refund")
        try cast.desk.take(ticket: accepted.id!, by: cast.ben)
        let e2 = try cast.desk.escalate(
            ticket: accepted.id!, package: try cast.readyPackage(accepted.id!, by: cast.ben), by: cast.ben)
        try cast.desk.acceptEscalation(e2.id!, by: cast.gus)
        n = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual(
            [n.kind.rawValue, n.causedBy, n.text], ["escalation-accepted", "gus", "gus accepted your escalation #\(e2.id!)"])
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [.escalationAccepted, .escalationReturned])
        XCTAssertEqual(
            try kinds(cast.desk, cast.gus), [.escalatedToBranch, .escalatedToBranch],
            "accepting it yourself tells you nothing more")

        // De-escalation hands the ticket back to the requester: assigned to him, by gus.
        try cast.desk.resolveEscalation(e2.id!, reason: nil, by: cast.gus)
        try cast.desk.deescalate(ticket: accepted.id!, reason: nil, by: cast.gus)
        n = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual([n.kind.rawValue, n.text], ["assigned", "Back to you from escalation #\(e2.id!) (gus)"])
    }

    func testACustomerReplyTellsTheOwner() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.customerReply(ticket: t.id!, body: "Anyone there?")
        XCTAssertEqual(try kinds(cast.desk, cast.ben) + kinds(cast.desk, cast.ada), [], "unassigned: nobody to tell")

        try cast.desk.take(ticket: t.id!, by: cast.ben)
        try cast.desk.customerReply(ticket: t.id!, body: "\n  Still failing with card 4242.\nSecond line.")
        let n = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual(n.kind, .customerReplied)
        XCTAssertEqual(n.causedBy, "ann", "the customer (named by the address until a name comes)")
        XCTAssertEqual(n.text, "Customer replied: Still failing with card 4242.")
        XCTAssertEqual(n.eventId, try eventId(cast.desk, ticket: t.id!, kind: "message.customer"))
        XCTAssertEqual(try kinds(cast.desk, cast.ada), [])

        // Mail threaded onto the ticket tells the owner the same way.
        let reply = """
            From: Ann <ann@acme.example>
            To: billing@desk.example
            Subject: Re: Card declined [#\(t.id!)]
            Message-ID: <r2@acme.example>

            It worked after all, thanks.
            """
        let results = try cast.desk.importRaw([(name: "r2", bytes: Array(reply.utf8))])
        XCTAssertEqual(results.first?.ticket, t.id)
        XCTAssertEqual(try all(cast.desk, cast.ben).first?.text, "Customer replied: It worked after all, thanks.")
    }

    func testAMentionTellsEachNamedAgentButNotTheAuthorAndReportsUnknownHandles() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        let sent = try cast.desk.send(
            ticket: t.id!,
            SendRequest(
                body: "Card issue.\n@farid and @Gus, please look (cc @ben); ann@acme.example is no mention; @zed too.",
                visibility: .internal), by: cast.ben)
        XCTAssertEqual(sent.mentions, MentionOutcome(notified: ["farid", "gus"], unknown: ["zed"]))
        XCTAssertNotNil(try cast.desk.ticketDetail(id: t.id!).timeline.first { $0.body.contains("@zed") }, "the note is stored")
        for agent in [cast.farid, cast.gus] {
            let n = try XCTUnwrap(try all(cast.desk, agent).first)
            XCTAssertEqual([n.kind.rawValue, n.causedBy], ["mentioned", "ben"])
            XCTAssertEqual(
                n.text, "ben mentioned you: @farid and @Gus, please look (cc @ben); ann@acme.example is no mention; @zed too.")
        }
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [], "the author mentioning himself is not told")
        XCTAssertEqual(try kinds(cast.desk, cast.ada), [])

        // A public reply names nobody; a plain note and a repro note do.
        try cast.desk.send(ticket: t.id!, SendRequest(body: "Hi Ann, @farid is looking.", visibility: .public), by: cast.ben)
        XCTAssertEqual(try kinds(cast.desk, cast.farid), [.mentioned])
        try cast.desk.note(ticket: t.id!, body: "@farid see above", by: cast.ada)
        try cast.desk.reproNote(ticket: t.id!, body: "1. pay\n2. @farid: it fails", by: cast.ada)
        XCTAssertEqual(try kinds(cast.desk, cast.farid), [.mentioned, .mentioned, .mentioned])
        XCTAssertEqual(
            try cast.desk.mentions(in: "@ada @nobody", by: cast.ada), MentionOutcome(notified: [], unknown: ["nobody"]))
    }

    func testMentionsAreFoundWhereAPersonWouldSeeThem() {
        XCTAssertEqual(Mentions.handles(in: "@ben"), ["ben"])
        XCTAssertEqual(Mentions.handles(in: "Ask @ben. Then @ada, @jean-luc and @a_b.c!"), ["ben", "ada", "jean-luc", "a_b.c"])
        XCTAssertEqual(Mentions.handles(in: "(@ben) @BEN @ben"), ["ben"], "once each, ignoring case")
        XCTAssertEqual(Mentions.handles(in: "mail ben@desk.example or @ben@desk.example"), [], "addresses are no mentions")
        XCTAssertEqual(Mentions.handles(in: "@ @@ x@ é@ben"), [])
        XCTAssertEqual(Mentions.handles(in: "@" + String(repeating: "a", count: 41)), [], "longer than any handle")
        XCTAssertEqual(Mentions.handles(in: "line\n@chloé"), ["chloé"], "read whole, to be reported as no agent's")
    }

    /// At risk is told once per target and deadline, by whichever finds it first: a write or the
    /// sweep; a later target at risk is told again.
    func testSLAAtRiskIsToldOncePerTargetAndDeadline() throws {
        let cast = try EscalationCast(at: "2026-11-20T09:00:00Z")
        let t = try newTicket(cast)
        try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada)
        // First reply: 60 minutes, at risk from 75% (09:45), due 10:00.
        try cast.at("2026-11-20T09:40:00Z").tag(ticket: t.id!, "card", by: cast.ada)
        XCTAssertEqual(try all(cast.desk, cast.ben).filter { $0.kind == .slaAtRisk }, [])
        try cast.at("2026-11-20T09:50:00Z").tag(ticket: t.id!, "visa", by: cast.ada)
        let atRisk = try all(cast.desk, cast.ben).filter { $0.kind == .slaAtRisk }
        XCTAssertEqual(atRisk.count, 1)
        XCTAssertEqual(atRisk.first?.slaTarget, .firstReply)
        XCTAssertEqual(atRisk.first?.slaDueAt, FixedClock.parse("2026-11-20T10:00:00Z")!.dbSeconds)
        XCTAssertEqual(atRisk.first?.text, "First reply is at risk")
        XCTAssertNil(atRisk.first?.causedBy)
        XCTAssertNil(atRisk.first?.eventId, "time brought it, not the write that noticed")
        XCTAssertEqual(try kinds(cast.desk, cast.ada, except: []), [], "only the owner")

        try cast.at("2026-11-20T09:55:00Z").tag(ticket: t.id!, "mastercard", by: cast.ada)
        try cast.at("2026-11-20T09:56:00Z").sweepTriggers()
        XCTAssertEqual(
            try all(cast.desk, cast.ben).filter { $0.kind == .slaAtRisk }.count, 1, "not again on every write or sweep")

        // Replied in time; the resolution target (600 minutes, due 19:00) is at risk from 16:30.
        try cast.at("2026-11-20T09:57:00Z").reply(ticket: t.id!, body: "Looking into it.", by: cast.ben)
        try cast.at("2026-11-20T16:40:00Z").sweepTriggers()
        let targets = try all(cast.desk, cast.ben).filter { $0.kind == .slaAtRisk }.map(\.slaTarget)
        XCTAssertEqual(targets, [.resolution, .firstReply])

        // Found by the sweep first, then a write: still once. The owner's own write stores it read.
        let swept = try newTicket(cast, on: cast.at("2026-11-20T09:00:00Z"), subject: "Swept")
        try cast.desk.assign(ticket: swept.id!, to: "gus", by: cast.ada)
        try cast.at("2026-11-20T09:46:00Z").sweepTriggers()
        try cast.at("2026-11-20T09:47:00Z").tag(ticket: swept.id!, "x", by: cast.ada)
        XCTAssertEqual(try all(cast.desk, cast.gus).filter { $0.kind == .slaAtRisk }.count, 1)
        let own = try newTicket(cast, subject: "Own")
        try cast.desk.take(ticket: own.id!, by: cast.farid)
        try cast.at("2026-11-20T09:50:00Z").note(ticket: own.id!, body: "checking", by: cast.farid)
        let seen = try XCTUnwrap(try all(cast.desk, cast.farid).first { $0.kind == .slaAtRisk })
        XCTAssertTrue(seen.isRead, "farid's own write found it: he is looking at the ticket")
    }

    func testABouncedReplyIsToldThroughTheAPI() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.notify(.bounced(ticket: t.id!, agent: cast.ben.id!, event: nil, reason: "550 mailbox unavailable\nmore"))
        let n = try XCTUnwrap(try all(cast.desk, cast.ben).first)
        XCTAssertEqual([n.kind.rawValue, n.text], ["reply-bounced", "Your reply bounced: 550 mailbox unavailable"])
        XCTAssertNil(n.causedBy)
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.ben.id!), 1)
    }

    // MARK: - Reading and marking read

    func testReadAndUnread() throws {
        let cast = try EscalationCast()
        let a = try newTicket(cast, subject: "A")
        let b = try newTicket(cast, subject: "B")
        try cast.desk.assign(ticket: a.id!, to: "ben", by: cast.ada)
        try cast.at("2026-11-20T09:01:00Z").assign(ticket: b.id!, to: "ben", by: cast.ada)
        try cast.at("2026-11-20T09:02:00Z").note(ticket: a.id!, body: "@ben look", by: cast.ada)
        try cast.at("2026-11-20T09:03:00Z").customerReply(ticket: b.id!, body: "Hello?")
        let id = cast.ben.id!
        XCTAssertEqual(try cast.desk.unreadCount(agent: id), 4)
        XCTAssertEqual(try cast.desk.notifications(agent: id).map(\.subject), ["B", "A", "B", "A"], "newest first")
        XCTAssertEqual(try cast.desk.notifications(agent: id, limit: 1).map(\.kind), [.customerReplied])
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.ada.id!), 0)

        let versions = try cast.desk.db.read { try Int.fetchAll($0, sql: "SELECT version FROM tickets ORDER BY id") }
        let events = try cast.desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") }
        let newest = try cast.desk.notifications(agent: id).first!
        let reading = cast.at("2026-11-20T10:00:00Z")
        XCTAssertEqual(try reading.markRead(ids: [newest.id], agent: id), 1)
        XCTAssertEqual(try reading.markRead(ids: [newest.id], agent: id), 0, "already read")
        XCTAssertEqual(try cast.desk.unreadCount(agent: id), 3)
        XCTAssertEqual(try cast.desk.notifications(agent: id, unreadOnly: true).map(\.subject), ["A", "B", "A"])
        XCTAssertEqual(
            try cast.desk.notifications(agent: id).first?.readAt, FixedClock.parse("2026-11-20T10:00:00Z")!.dbSeconds)

        // Another agent's notification is refused, and nothing is marked.
        try cast.desk.note(ticket: a.id!, body: "@ada fyi", by: cast.ben)
        let adas = try XCTUnwrap(try cast.desk.notifications(agent: cast.ada.id!).first)
        let bens = try cast.desk.notifications(agent: id, unreadOnly: true).map(\.id)
        XCTAssertThrowsError(try cast.desk.markRead(ids: bens + [adas.id], agent: id)) {
            XCTAssertEqual("\($0)", "you have no notification #\(adas.id).")
        }
        XCTAssertEqual(try cast.desk.unreadCount(agent: id), 3)

        XCTAssertEqual(try cast.desk.markRead(ticket: a.id!, agent: id), 2)
        XCTAssertEqual(try cast.desk.notifications(agent: id, unreadOnly: true).map(\.subject), ["B"])
        XCTAssertEqual(try cast.desk.markRead(ticket: a.id!, agent: id), 0)
        XCTAssertEqual(try cast.desk.markAllRead(agent: id), 1)
        XCTAssertEqual(try cast.desk.unreadCount(agent: id), 0)
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.ada.id!), 1, "ada's stays unread")
        XCTAssertEqual(try cast.desk.notifications(agent: id, unreadOnly: true), [])
        XCTAssertEqual(try cast.desk.notifications(agent: id).count, 4, "read ones stay in the list")

        XCTAssertEqual(
            try cast.desk.db.read { try Int.fetchAll($0, sql: "SELECT version FROM tickets ORDER BY id") }.map { $0 },
            versions.enumerated().map { $0.offset == 0 ? $0.element + 1 : $0.element }, "only ben's note changed a ticket")
        XCTAssertEqual(
            try cast.desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") }, events.map { $0 + 1 },
            "marking read records no event")
    }

    /// The notification is part of the write: a write refused for a stale version (or any other
    /// reason) leaves none behind.
    func testARefusedWriteNotifiesNobody() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        // Stale on the same thing (docs/conflicts.md): the assignee, and a status the note would set.
        try cast.desk.assign(ticket: t.id!, to: "gus", by: cast.ada)
        XCTAssertThrowsError(try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada, expectedVersion: 1)) {
            guard case DeskError.conflict = $0 else { return XCTFail("\($0)") }
        }
        try cast.desk.setStatus(ticket: t.id!, to: .pending, by: cast.ada)
        XCTAssertThrowsError(
            try cast.desk.send(
                ticket: t.id!, SendRequest(body: "@farid look", visibility: .internal, then: .solved), by: cast.ben,
                expectedVersion: 2)
        ) {
            guard case DeskError.conflict = $0 else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try cast.desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM notifications") }, 1)
        XCTAssertEqual(try kinds(cast.desk, cast.gus), [.assigned], "the one write that went through")
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.ben.id!), 0)
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.farid.id!), 0)

        // Refused by the change itself after the checks: rolled back with it.
        try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada, expectedVersion: 3)
        XCTAssertThrowsError(try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada))
        XCTAssertThrowsError(
            try cast.desk.send(
                ticket: t.id!, SendRequest(body: "@farid {{customer.first_name}}", visibility: .internal), by: cast.ada))
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [.assigned], "one assignment went through")
        XCTAssertEqual(try kinds(cast.desk, cast.farid), [])

        // Told inside the write, then rolled back with it: a conversation line whose customer
        // message tells ben and whose next entry names no agent lands not at all.
        func line(_ messages: String) throws -> ConversationLine {
            try ConversationLine.parse(
                #"{"channel":"chat","conversation":"r","customer":{"email":"ann@acme.example"},"messages":["# + messages + "]}")
        }
        let chat = try XCTUnwrap(
            try cast.desk.importConversations([try line(#"{"author":"customer","time":"2026-11-20T08:00:00Z","text":"hi"}"#)])[0][
                0
            ]
            .ticket)
        try cast.desk.assign(ticket: chat, to: "ben", by: cast.ada)
        let refused = try cast.desk.importConversations([
            try line(
                #"{"author":"customer","time":"2026-11-20T08:05:00Z","text":"still there?"},{"author":"agent:nobody","time":"2026-11-20T08:06:00Z","text":"x"}"#
            )
        ])
        guard case .failed = refused[0][0] else { return XCTFail("\(refused)") }
        XCTAssertEqual(try kinds(cast.desk, cast.ben), [.assigned, .assigned], "no customer-replied from the refused line")
        try cast.desk.importConversations([try line(#"{"author":"customer","time":"2026-11-20T08:07:00Z","text":"hello?"}"#)])
        XCTAssertEqual(
            try kinds(cast.desk, cast.ben), [.customerReplied, .assigned, .assigned], "the same message alone is told")
    }

    /// The demo writes its past directly; the owners of unsolved tickets whose customer wrote
    /// last find a "customer replied" waiting (the console's list is not empty on `make run`).
    func testTheDemoLeavesOwnersTheirCustomersLastWords() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let ada = try desk.agent(handle: "ada")
        let replies = try desk.notifications(agent: ada.id!, unreadOnly: true).filter { $0.kind == .customerReplied }
        XCTAssertFalse(replies.isEmpty)
        for n in replies {
            let ticket = try desk.ticketDetail(id: n.ticketId).ticket
            XCTAssertEqual(ticket.assigneeId, ada.id)
            XCTAssertTrue(ticket.status.isActive, "#\(n.ticketId) is \(ticket.status)")
            XCTAssertTrue(n.text.hasPrefix("Customer replied: "), n.text)
        }
        XCTAssertEqual(try desk.unreadCount(agent: ada.id!), try desk.notifications(agent: ada.id!, unreadOnly: true).count)
    }

    // MARK: - Schema and policy

    func testTheSchemaKnowsEveryKindAndKeepsSLANotificationsWhole() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        for kind in NotificationKind.allCases {
            var n = NewNotification(kind: kind, agentId: cast.ben.id!, ticketId: t.id!, text: kind.label)
            if kind == .slaAtRisk { (n.slaTarget, n.slaDueAt) = (.resolution, 1_000) }
            XCTAssertNoThrow(try cast.desk.notify(n), kind.rawValue)
        }
        XCTAssertEqual(try cast.desk.unreadCount(agent: cast.ben.id!), NotificationKind.allCases.count)
        XCTAssertThrowsError(
            try cast.desk.notify(NewNotification(kind: .slaAtRisk, agentId: cast.ben.id!, ticketId: t.id!, text: "no target")))
        XCTAssertThrowsError(
            try cast.desk.notify(
                NewNotification(kind: .assigned, agentId: cast.ben.id!, ticketId: t.id!, actorId: cast.ben.id!, text: "self")),
            "nobody is told of what they did")
    }

    func testBellPreferenceComesFromThePolicy() throws {
        XCTAssertTrue(Policy.standard.notifications.wantsBell("ada"))
        XCTAssertTrue(Policy.standard.notifications.wantsBell("Ben"))
        XCTAssertFalse(Policy.standard.notifications.wantsBell("chloe"))
        XCTAssertFalse(plainPolicy.notifications.wantsBell("ada"), "no section: no bell")
        let base = "branches:\n  - {name: A, tier: tier1}\ndefault_branch: A\n"
        let all = try Policy.parse(yaml: base + "notifications:\n  bell: all\n", file: "p.yaml")
        XCTAssertTrue(all.notifications.wantsBell("anyone"))
        let one = try Policy.parse(yaml: base + "notifications:\n  bell: farid\n", file: "p.yaml")
        XCTAssertTrue(one.notifications.wantsBell("farid"))
        XCTAssertThrowsError(
            try Policy.parse(yaml: base + "notifications:\n  bell: [ben, 'two words', BEN]\n  sound: loud\n", file: "p.yaml")
        ) {
            XCTAssertEqual(
                ($0 as? PolicyError)?.issues.map(\.description).sorted(),
                [
                    "p.yaml:5: notifications.bell[2]: 'two words' is not an agent handle (letters, digits, _, . and - only, at most 40), nor all",
                    "p.yaml:5: notifications.bell[3]: 'BEN' is listed twice",
                    "p.yaml:6: notifications.sound: unknown key (expected one of: bell)",
                ])
        }
    }

    func testTheJSONShape() throws {
        let cast = try EscalationCast()
        let t = try newTicket(cast)
        try cast.desk.assign(ticket: t.id!, to: "ben", by: cast.ada)
        try cast.desk.notify(
            {
                var n = NewNotification(kind: .slaAtRisk, agentId: cast.ben.id!, ticketId: t.id!, text: "Resolution is at risk")
                (n.slaTarget, n.slaDueAt) = (.resolution, FixedClock.parse("2026-11-20T19:00:00Z")!.dbSeconds)
                return n
            }())
        try cast.at("2026-11-20T09:30:00Z").markRead(ticket: t.id!, agent: cast.ben.id!)
        let list = try cast.desk.notifications(agent: cast.ben.id!).map(NotificationJSON.init)
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: Data(JSONTime.encode(list).utf8)) as? [[String: Any]])
        XCTAssertEqual(json.count, 2)
        XCTAssertEqual(
            Set(json[1].keys), ["id", "kind", "ticket", "subject", "causedBy", "text", "createdAt", "read", "readAt"],
            "absent: slaTarget and slaDue")
        XCTAssertEqual(json[1]["kind"] as? String, "assigned")
        XCTAssertEqual(json[1]["ticket"] as? Int, Int(t.id!))
        XCTAssertEqual(json[1]["subject"] as? String, "Card declined")
        XCTAssertEqual(json[1]["causedBy"] as? String, "ada")
        XCTAssertEqual(json[1]["createdAt"] as? String, "2026-11-20T09:00:00Z")
        XCTAssertEqual(json[1]["readAt"] as? String, "2026-11-20T09:30:00Z")
        XCTAssertEqual(json[1]["read"] as? Bool, true)
        XCTAssertEqual(
            Set(json[0].keys), ["id", "kind", "ticket", "subject", "text", "createdAt", "read", "readAt", "slaTarget", "slaDue"])
        XCTAssertEqual(json[0]["slaTarget"] as? String, "resolution")
        XCTAssertEqual(json[0]["slaDue"] as? String, "2026-11-20T19:00:00Z")
    }
}
