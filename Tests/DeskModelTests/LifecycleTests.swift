import DeskModel
import Foundation
import GRDB
import XCTest

/// The transition table, merges, links, customer replies and automatic closing.
final class LifecycleTests: XCTestCase {
    /// Every pair of statuses: allowed exactly as the table says, refused with a reason otherwise.
    func testTransitionTable() {
        let expected: [TicketStatus: [TicketStatus]] = [
            .new: [.open, .pending, .onHold, .solved],
            .open: [.pending, .onHold, .solved],
            .pending: [.open, .onHold, .solved],
            .onHold: [.open, .pending, .solved],
            .solved: [.open, .closed],
            .closed: [],
        ]
        for from in TicketStatus.allCases {
            for to in TicketStatus.allCases {
                let allowed = expected[from]!.contains(to)
                XCTAssertEqual(Lifecycle.refusal(from: from, to: to) == nil, allowed, "\(from) → \(to)")
            }
        }
        XCTAssertEqual(
            Lifecycle.refusal(from: .open, to: .closed), "only a solved ticket can be closed; solve it first")
        XCTAssertEqual(
            Lifecycle.refusal(from: .closed, to: .open),
            "closed tickets are final; a customer reply opens a linked follow-up ticket instead")
        XCTAssertEqual(
            Lifecycle.refusal(from: .open, to: .new), "a ticket cannot go back to new (new means nobody has worked on it yet)")
    }

    func testServiceEnforcesTransitionsAndRoles() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        XCTAssertThrowsError(try desk.setStatus(ticket: t.id!, to: .closed, by: ada)) { error in
            XCTAssertEqual(
                "\(error)", "ticket #\(t.id!) cannot move from new to closed: only a solved ticket can be closed; solve it first."
            )
        }
        try desk.setStatus(ticket: t.id!, to: .solved, by: ben)
        XCTAssertThrowsError(try desk.setStatus(ticket: t.id!, to: .closed, by: ben)) { error in
            XCTAssertEqual(
                "\(error)",
                "ben (role agent) may not set status closed (allowed: open, pending, on-hold, solved); the policy's roles section decides this."
            )
        }
        XCTAssertEqual(try desk.setStatus(ticket: t.id!, to: .closed, by: ada).status, .closed)
        XCTAssertThrowsError(try desk.merge(ticket: t.id!, into: 99, by: ben)) { error in
            XCTAssertEqual("\(error)", "ben (role agent) may not merge tickets; the policy's roles section decides this.")
        }
    }

    func testCustomerReplyReopensSolvedAndFollowsUpClosed() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        try desk.reply(ticket: t.id!, body: "Fixed.", by: ada)
        try desk.setStatus(ticket: t.id!, to: .solved, by: ada)
        let reopened = try desk.customerReply(ticket: t.id!, body: "Still broken.")
        XCTAssertEqual(reopened.id, t.id)
        XCTAssertEqual(reopened.status, .open)
        XCTAssertTrue(try desk.ticketDetail(id: t.id!).timeline.contains { $0.body == "customer replied: reopened (was solved)" })

        try desk.setStatus(ticket: t.id!, to: .solved, by: ada)
        try desk.setStatus(ticket: t.id!, to: .closed, by: ada)
        let follow = try desk.customerReply(ticket: t.id!, body: "It happened again.")
        XCTAssertNotEqual(follow.id, t.id)
        XCTAssertEqual(follow.subject, "Re: Help")
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).ticket.status, .closed, "the closed ticket stays closed")
        XCTAssertEqual(try desk.ticketDetail(id: follow.id!).links.map(\.relation), ["follow-up of"])
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).links.map { $0.id }, [follow.id!])
    }

    func testMergeMovesHistoryAndBothRecordIt() throws {
        let (desk, ada, _) = try makeDesk()
        let keep = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Sync", channel: .email, body: "one")
        let dup = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Sync again", channel: .chat, body: "two")
        try desk.note(ticket: dup.id!, body: "dup note", by: ada)
        let merged = try desk.merge(ticket: dup.id!, into: keep.id!, by: ada, expectedVersion: 2)
        XCTAssertEqual(merged.status, .closed)
        XCTAssertEqual(merged.mergedIntoId, keep.id)
        let survivor = try desk.ticketDetail(id: keep.id!)
        XCTAssertEqual(survivor.timeline.filter { $0.kind != .event }.map(\.body), ["one", "two", "dup note"])
        XCTAssertTrue(survivor.timeline.contains { $0.body == "merged #\(dup.id!) into this (2 messages moved)" })
        XCTAssertTrue(
            try desk.ticketDetail(id: dup.id!).timeline.contains { $0.body == "merged this into #\(keep.id!) (2 messages moved)" }
        )
        XCTAssertThrowsError(try desk.merge(ticket: dup.id!, into: keep.id!, by: ada))
        XCTAssertThrowsError(try desk.merge(ticket: keep.id!, into: keep.id!, by: ada))

        try desk.link(ticket: keep.id!, to: dup.id!, by: ada)
        XCTAssertThrowsError(try desk.link(ticket: dup.id!, to: keep.id!, by: ada)) { error in
            XCTAssertEqual("\(error)", "tickets #\(dup.id!) and #\(keep.id!) are already linked.")
        }
    }

    func testSolvedTicketsCloseAfterThePolicyDaysOnTheNextWriteOrMaintain() throws {
        let (desk, ada, _) = try makeDesk(at: "2026-11-01T09:00:00Z")
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        try desk.setStatus(ticket: t.id!, to: .solved, by: ada)
        // Four days later, another ticket's write closes it; maintain then has nothing to do.
        let later = Desk(db: desk.db, clock: FixedClock(FixedClock.parse("2026-11-05T09:00:01Z")!), policy: desk.policy)
        _ = try later.createTicket(by: nil, customerEmail: "c@d.example", subject: "Other", channel: .chat, body: "x")
        XCTAssertEqual(try later.ticketDetail(id: t.id!).ticket.status, .closed)
        XCTAssertEqual(try later.maintain(), 0, "idempotent")
        XCTAssertTrue(
            try later.ticketDetail(id: t.id!).timeline.contains { $0.body == "closed this automatically (solved for 4 days)" })
    }

    func testTagsAndPriority() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        try desk.tag(ticket: t.id!, " Billing ", by: ada)
        XCTAssertThrowsError(try desk.tag(ticket: t.id!, "billing", by: ada))
        XCTAssertEqual(try desk.setPriority(ticket: t.id!, to: .urgent, by: ada).tagList, ["billing"])
        XCTAssertThrowsError(try desk.setPriority(ticket: t.id!, to: .urgent, by: ada)) { error in
            XCTAssertEqual("\(error)", "ticket #\(t.id!) is already urgent priority.")
        }
    }

    func testProductAreaIsSetClearedAndRecorded() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        XCTAssertEqual(try desk.setProductArea(ticket: t.id!, to: " Billing ", by: ada).productArea, "billing")
        XCTAssertThrowsError(try desk.setProductArea(ticket: t.id!, to: "billing", by: ada)) {
            XCTAssertEqual("\($0)", "ticket #\(t.id!) is already in product area billing.")
        }
        XCTAssertThrowsError(try desk.setProductArea(ticket: t.id!, to: "bill\u{1B}[2J", by: ada)) {
            XCTAssertTrue("\($0)".contains("a word of letters, digits, - or _"), "\($0)")
        }
        XCTAssertNil(try desk.setProductArea(ticket: t.id!, to: "", by: ada).productArea)
        let said = try desk.ticketDetail(id: t.id!).timeline.filter { $0.kind == .event }.map(\.body)
        XCTAssertEqual(
            Array(said.suffix(2)), ["set the product area to billing", "cleared the product area (was billing)"])
    }

    func testRepeatedTicketLooksBeyondTheListedTickets() throws {
        let (desk, _, _) = try makeDesk(at: "2026-11-01T09:00:00Z")
        func open(_ day: Int, _ area: String) throws -> Int64 {
            let at = Desk(
                db: desk.db, clock: FixedClock(FixedClock.parse("2026-11-01T09:00:00Z")! + Double(day) * 86_400),
                policy: desk.policy)
            return try at.createTicket(
                by: nil, customerEmail: "a@b.example", subject: "Day \(day)", channel: .email, body: "x", productArea: area
            ).id!
        }
        let early = try open(0, "billing")
        let tooEarly = try open(0, "sync")
        let billing = try open(5, "billing")
        for day in 8..<22 { _ = try open(day, "sync") }  // 14 newer tickets push the first ones off the list
        let now = Desk(db: desk.db, clock: FixedClock(FixedClock.parse("2026-11-25T09:00:00Z")!), policy: desk.policy)
        let detail = try now.ticketDetail(id: billing)
        XCTAssertFalse(detail.customerTickets.contains { $0.id == early }, "not among the 12 listed")
        XCTAssertEqual(detail.repeatOf, early, "same area, 5 days apart (window 7)")
        XCTAssertNil(try now.ticketDetail(id: tooEarly).repeatOf, "the other sync tickets are 8 or more days later")
        XCTAssertEqual(try now.ticketDetail(id: early).repeatOf, billing)
        let lastSync = try now.ticketDetail(id: billing + 14)
        XCTAssertEqual(lastSync.repeatOf, billing + 13, "the nearest one")
    }

    func testPresenceGoesStaleAfterThirtySeconds() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        XCTAssertEqual(try desk.heartbeat(ticket: t.id!, agent: ada.id!, writing: false), [])
        let others = try desk.heartbeat(ticket: t.id!, agent: ben.id!, writing: true)
        XCTAssertEqual(others.map(\.handle), ["ada"])
        XCTAssertEqual(try desk.presence(ticket: t.id!, excluding: ada.id!).map { "\($0.handle) \($0.writing)" }, ["ben true"])
        let later = Desk(db: desk.db, clock: FixedClock(FixedClock.parse("2026-11-20T09:00:31Z")!), policy: desk.policy)
        XCTAssertEqual(try later.presence(ticket: t.id!, excluding: ada.id!), [], "stale after 30 s")
        _ = try desk.heartbeat(ticket: nil, agent: ben.id!, writing: false, leaving: t.id!)
        XCTAssertEqual(try desk.presence(ticket: t.id!, excluding: ada.id!), [], "left")
    }
}
