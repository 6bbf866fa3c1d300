import DeskModel
import Foundation
import GRDB
import XCTest

final class DeskServiceTests: XCTestCase {
    func testCreateTicketMakesCustomerTicketMessageAndEvents() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(
            by: ada, customerEmail: "maria@northwind.example", subject: "Charged twice",
            channel: .email, body: "Please refund the duplicate.")
        XCTAssertEqual(t.status, .new)
        XCTAssertEqual(t.version, 1)
        let d = try desk.ticketDetail(id: t.id!)
        XCTAssertEqual(d.customer.email, "maria@northwind.example")
        XCTAssertEqual(d.timeline.filter { $0.kind == .customerMessage }.map(\.body), ["Please refund the duplicate."])
        let kinds = try desk.db.read { db in try String.fetchAll(db, sql: "SELECT kind FROM events ORDER BY id") }
        XCTAssertEqual(kinds, ["customer.created", "ticket.created", "ticket.routed"])
        // The same customer is reused for a second ticket.
        _ = try desk.createTicket(by: ada, customerEmail: "MARIA@northwind.example", subject: "Again", channel: .chat, body: nil)
        XCTAssertEqual(try desk.db.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") }, 1)
    }

    func testReplyBumpsVersionOpensTicketAndRecordsEvent() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        let after = try desk.reply(ticket: t.id!, body: "On it.", by: ada, expectedVersion: 1)
        XCTAssertEqual(after.version, 2)
        XCTAssertEqual(after.status, .open)
        let note = try desk.note(ticket: t.id!, body: "Customer is on the legacy plan.", by: ada)
        XCTAssertEqual(note.version, 3)
        let d = try desk.ticketDetail(id: t.id!)
        XCTAssertEqual(d.timeline.filter { $0.kind != .event }.map(\.kind), [.customerMessage, .publicReply, .internalNote])
        let events = try desk.db.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, actorId FROM events WHERE ticketId = ? ORDER BY id", arguments: [t.id])
        }
        XCTAssertEqual(events.map { $0["kind"] as String }, ["ticket.created", "ticket.routed", "message.reply", "message.note"])
        XCTAssertEqual(events.last?["actorId"] as Int64?, ada.id)
    }

    func testStaleWriteIsRefusedNamingWhoChangedTheTicket() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: "hi")
        _ = try desk.assign(ticket: t.id!, to: "ben", by: ben, expectedVersion: 1)
        XCTAssertThrowsError(try desk.assign(ticket: t.id!, to: "ada", by: ada, expectedVersion: 1)) { error in
            guard case .conflict(let c)? = error as? DeskError else { return XCTFail("not a conflict: \(error)") }
            XCTAssertEqual(c.base, 1)
            XCTAssertEqual(c.current, 2)
            XCTAssertEqual(c.changes.map(\.kind), ["ticket.assigned"])
            XCTAssertTrue("\(error)".contains("ben assigned it to ben"), "\(error)")
        }
        // Nothing was written by the refused call.
        let d = try desk.ticketDetail(id: t.id!)
        XCTAssertEqual(d.ticket.assigneeId, ben.id)
        XCTAssertEqual(d.ticket.version, 2)
    }

    func testAssignAndStatusRecordBeforeAndAfter() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .phone, body: nil)
        try desk.assign(ticket: t.id!, to: "ada", by: ada)
        try desk.setStatus(ticket: t.id!, to: .solved, by: ada)
        let data = try desk.db.read { db in
            try String.fetchAll(
                db, sql: "SELECT data FROM events WHERE ticketId = ? AND kind IN ('ticket.assigned','ticket.status') ORDER BY id",
                arguments: [t.id])
        }
        XCTAssertEqual(data, [#"{"after":"ada","before":""}"#, #"{"after":"solved","before":"new"}"#])
        XCTAssertNotNil(try desk.ticketDetail(id: t.id!).ticket.solvedAt)
    }

    func testClearErrorsForUnknownThingsAndBadInput() throws {
        let (desk, ada, _) = try makeDesk()
        XCTAssertThrowsError(try desk.reply(ticket: 404, body: "x", by: ada)) {
            XCTAssertEqual($0 as? DeskError, .unknownTicket(404))
        }
        XCTAssertThrowsError(try desk.ticketDetail(id: 404)) { XCTAssertEqual("\($0)", "no ticket #404.") }
        let t = try desk.createTicket(by: nil, customerEmail: "a@b.example", subject: "Help", channel: .email, body: nil)
        XCTAssertThrowsError(try desk.assign(ticket: t.id!, to: "nobody", by: ada)) {
            XCTAssertEqual($0 as? DeskError, .unknownAgent("nobody"))
        }
        XCTAssertThrowsError(try desk.reply(ticket: t.id!, body: "  \n ", by: ada)) {
            XCTAssertEqual($0 as? DeskError, .emptyBody)
        }
        for bad in ["not-an-email", "a@b", "@b.example", "a b@c.example", "a@b.example\u{1B}[2J"] {
            XCTAssertThrowsError(
                try desk.createTicket(by: nil, customerEmail: bad, subject: "x", channel: .email, body: nil), bad
            ) {
                XCTAssertEqual($0 as? DeskError, .invalidEmail(bad))
            }
        }
        XCTAssertThrowsError(try TicketStatus.parse("finished", field: "status")) {
            XCTAssertTrue("\($0)".contains("new, open, pending, on-hold, solved, closed"))
        }
    }

    func testAgentResolution() throws {
        let (desk, _, _) = try makeDesk()
        XCTAssertEqual(try desk.resolveAgent(explicit: "ben", environment: [:]).handle, "ben")
        XCTAssertEqual(try desk.resolveAgent(explicit: nil, environment: ["DESK_AGENT": "ada"]).handle, "ada")
        XCTAssertEqual(try desk.resolveAgent(explicit: nil, environment: ["USER": "ben"]).handle, "ben")
        XCTAssertThrowsError(try desk.resolveAgent(explicit: nil, environment: ["USER": "root"])) { error in
            XCTAssertEqual(error as? DeskError, .noAgent(known: ["ada", "ben"]))
            XCTAssertTrue("\(error)".contains("--agent HANDLE"))
        }
        XCTAssertThrowsError(try desk.resolveAgent(explicit: "zed", environment: [:])) {
            XCTAssertEqual($0 as? DeskError, .unknownAgent("zed"))
        }
    }

    func testWritesUseTheInjectedClock() throws {
        let (desk, ada, _) = try makeDesk(at: "2026-01-02T03:04:05Z")
        let t = try desk.createTicket(by: ada, customerEmail: "a@b.example", subject: "x", channel: .email, body: "y")
        XCTAssertEqual(t.createdAt, FixedClock.parse("2026-01-02T03:04:05Z"))
        XCTAssertEqual(JSONTime.format(t.createdAt.dbSeconds), "2026-01-02T03:04:05Z")
    }
}
