import DeskModel
import GRDB
import XCTest

/// A write is judged on the version its agent began from: the same thing changed since is refused
/// naming who changed it to what; anything else goes through (docs/conflicts.md).
final class ConflictTests: XCTestCase {
    func ticket(_ desk: Desk) throws -> Ticket {
        try desk.createTicket(by: nil, customerEmail: "nora@quist.example", subject: "Refund", channel: .email, body: "Charged twice")
    }

    func conflict(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> TicketConflict? {
        do {
            try body()
            XCTFail("the write went through", file: file, line: line)
        } catch DeskError.conflict(let c) {
            return c
        } catch {
            XCTFail("not a conflict: \(error)", file: file, line: line)
        }
        return nil
    }

    func testTheSameFieldChangedSinceIsRefusedNamingWhoAndWhat() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        // Ben's picker opened on version 1; Ada sets the priority meanwhile.
        try desk.setPriority(ticket: t.id!, to: .urgent, by: ada, expectedVersion: 1)
        let c = conflict { try desk.setPriority(ticket: t.id!, to: .low, by: ben, expectedVersion: 1) }
        XCTAssertEqual(c?.changes.map(\.what), ["ada set priority to urgent"])
        XCTAssertEqual(c.map { "\(DeskError.conflict($0))" }?.contains("ada set priority to urgent just now"), true)
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).ticket.priority, .urgent, "Ada's change stands")
    }

    func testAnUnrelatedChangeSinceLetsTheWriteThroughAndIsReported() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.note(ticket: t.id!, body: "Bank confirms the double charge.", by: ada, expectedVersion: 1)
        try desk.tag(ticket: t.id!, "refund", by: ada)
        let after = try desk.setPriority(ticket: t.id!, to: .high, by: ben, expectedVersion: 1)
        XCTAssertEqual(after.priority, .high)
        XCTAssertEqual(after.version, 4)
        let meanwhile = try desk.changes(ticket: t.id!, since: 1).filter { $0.actor == "ada" }.map(\.what)
        XCTAssertEqual(meanwhile, ["ada added a note", "ada tagged it refund"])
    }

    func testANoteNeverConflicts() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.reply(ticket: t.id!, body: "Looking into it.", by: ada, expectedVersion: 1)
        try desk.setStatus(ticket: t.id!, to: .pending, by: ada)
        XCTAssertNoThrow(try desk.note(ticket: t.id!, body: "Asked the bank.", by: ben, expectedVersion: 1))
    }

    func testAReplyIsStoppedByACustomerMessageOrAnotherReplySinceTheDraftBegan() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.customerReply(ticket: t.id!, body: "Never mind, the bank reversed it.")
        let c = conflict { try desk.send(ticket: t.id!, SendRequest(body: "We refunded you."), by: ben, expectedVersion: 1) }
        XCTAssertEqual(c?.newMessages.map(\.text), ["Never mind, the bank reversed it."])
        XCTAssertEqual(c?.newMessages.first?.kind, "message.customer")
        XCTAssertEqual(c?.newMessages.first?.what.hasSuffix(" wrote"), true)
        // Ben has seen it: the same reply against the version that shows it goes out.
        XCTAssertNoThrow(try desk.send(ticket: t.id!, SendRequest(body: "We refunded you."), by: ben, expectedVersion: c!.current))
        // Farid's (here: Ada's) reply, begun before Ben's went out, is stopped and sees Ben's text.
        let crossed = conflict { try desk.send(ticket: t.id!, SendRequest(body: "Refund done."), by: ada, expectedVersion: 1) }
        XCTAssertEqual(crossed?.newMessages.compactMap(\.actor), ["ben"])
        XCTAssertEqual(crossed?.newMessages.last?.what, "Ben Carter replied to the customer (status → open)")
        XCTAssertEqual(crossed?.newMessages.last?.text, "We refunded you.")
        let replies = try desk.ticketDetail(id: t.id!).timeline.filter { $0.kind == .publicReply }
        XCTAssertEqual(replies.count, 1, "one reply reached the customer")
    }

    func testAnInternalNoteSinceDoesNotStopAReply() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.note(ticket: t.id!, body: "VIP, be nice", by: ada)
        try desk.tag(ticket: t.id!, "refund", by: ada)
        XCTAssertNoThrow(try desk.send(ticket: t.id!, SendRequest(body: "Refund done."), by: ben, expectedVersion: 1))
    }

    func testSendAndSetStatusGuardsTheStatusToo() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.setStatus(ticket: t.id!, to: .onHold, by: ada, expectedVersion: 1)
        let c = conflict {
            try desk.send(ticket: t.id!, SendRequest(body: "Fixed.", then: .solved), by: ben, expectedVersion: 1)
        }
        XCTAssertEqual(c?.changes.map(\.what), ["ada set status to on-hold"])
        XCTAssertNoThrow(try desk.send(ticket: t.id!, SendRequest(body: "Fixed."), by: ben, expectedVersion: 1))
    }

    func testEveryVersionHasItsEventsSoNothingIsMissedBetweenBaseAndNow() throws {
        let (desk, ada, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.take(ticket: t.id!, by: ben)
        try desk.setPriority(ticket: t.id!, to: .high, by: ada)
        try desk.customerReply(ticket: t.id!, body: "Any news?")
        let current = try desk.ticketDetail(id: t.id!).ticket.version
        let versions = try desk.db.read { db in
            try Int.fetchAll(
                db, sql: "SELECT DISTINCT ticketVersion FROM events WHERE ticketId = ? ORDER BY 1", arguments: [t.id])
        }
        XCTAssertEqual(versions, Array(1...current))
    }

    func testAFutureOrUnaccountedBaseIsRefused() throws {
        let (desk, _, ben) = try makeDesk()
        let t = try ticket(desk)
        try desk.db.write { db in
            // An older database: a change whose event has no version (written before v11).
            try db.execute(sql: "UPDATE tickets SET version = version + 1 WHERE id = ?", arguments: [t.id])
        }
        let c = conflict { try desk.note(ticket: t.id!, body: "x", by: ben, expectedVersion: 1) }
        XCTAssertEqual(c?.current, 2, "an unaccounted version is treated as a clash")
        _ = conflict { try desk.setPriority(ticket: t.id!, to: .high, by: ben, expectedVersion: 9) }
    }
}
