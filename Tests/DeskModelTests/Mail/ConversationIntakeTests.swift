import DeskModel
import Foundation
import GRDB
import XCTest

/// `desk intake`: conversation lines thread into one ticket per conversation, in time order,
/// idempotently; a bad line is refused with the field named and the others still land.
final class ConversationIntakeTests: XCTestCase {
    func line(_ json: String) throws -> ConversationLine { try ConversationLine.parse(json) }

    func testRefusedLinesNameWhatIsWrong() {
        let cases: [(String, String)] = [
            ("not json", "not JSON"),
            ("[1]", "a line must be a JSON object"),
            (#"{"conversation":"c","customer":{"email":"a@b.co"},"messages":[]}"#, "channel is missing"),
            (#"{"channel":"email","conversation":"c"}"#, "channel must be chat, web or phone"),
            (#"{"channel":"chat","customer":{"email":"a@b.co"}}"#, "conversation is missing"),
            (#"{"channel":"chat","conversation":"c"}"#, "customer is missing"),
            (#"{"channel":"chat","conversation":"c","customer":{}}"#, "customer needs an email or an id"),
            (#"{"channel":"chat","conversation":"c","customer":{"email":"nope"}}"#, "is not an address"),
            (#"{"channel":"chat","conversation":"c","customer":{"email":"a@b.co"},"messages":[]}"#, "non-empty list"),
            (
                #"{"channel":"chat","conversation":"c","customer":{"email":"a@b.co"},"messages":[{"author":"bot","time":1,"text":"x"}]}"#,
                "messages[0]: author must be"
            ),
            (
                #"{"channel":"chat","conversation":"c","customer":{"email":"a@b.co"},"messages":[{"author":"customer","time":"soon","text":"x"}]}"#,
                "messages[0]: time must be"
            ),
            (
                #"{"channel":"chat","conversation":"c","customer":{"email":"a@b.co"},"messages":[{"author":"customer","time":1,"text":" "}]}"#,
                "messages[0]: text must be non-empty"
            ),
            (
                #"{"channel":"chat","conversation":"c","customer":{"email":"a@b.co"},"messages":[{"author":"customer","time":1,"text":"x","internal":true}]}"#,
                "cannot be internal"
            ),
        ]
        for (json, expected) in cases {
            XCTAssertThrowsError(try line(json), json) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(json): \(error)")
            }
        }
    }

    func testAConversationIsOneTicketInTimeOrderAndSendingItAgainAddsNothing() throws {
        let (desk, _, _) = try makeDesk()
        let first = try line(
            #"{"channel":"chat","conversation":"c-1","customer":{"email":"maya@example.com","name":"Maya Lind"},"metadata":{"page":"/reports","tries":2},"messages":[{"id":"2","author":"agent:ben","time":"2026-11-20T08:01:00Z","text":"Which format?"},{"id":"1","author":"customer","time":"2026-11-20T08:00:00Z","text":"My export stops\nat 10,000 rows"}]}"#
        )
        let second = try line(
            #"{"channel":"chat","conversation":"c-1","customer":{"email":"maya@example.com"},"messages":[{"id":"3","author":"customer","time":"2026-11-20T08:02:00Z","text":"CSV"},{"id":"2","author":"agent:ben","time":"2026-11-20T08:01:00Z","text":"Which format?"}]}"#
        )
        let results = try desk.importConversations([first, second])
        guard case .created(let id) = results[0][0] else { return XCTFail("\(results)") }
        XCTAssertEqual(results[0][1], .threaded(ticket: id, via: .conversation, reopened: false))
        XCTAssertEqual(results[1], [.duplicate(ticket: id), .threaded(ticket: id, via: .conversation, reopened: false)])
        XCTAssertEqual(
            try desk.importConversations([first, second]).flatMap { $0 }, Array(repeating: .duplicate(ticket: id), count: 4))
        let (ticket, rows) = try desk.db.read { db in
            (
                try Ticket.fetchOne(db, key: id)!,
                try Row.fetchAll(
                    db, sql: "SELECT authorKind, channel, body, meta FROM messages WHERE ticketId = ? ORDER BY createdAt",
                    arguments: [id])
            )
        }
        XCTAssertEqual(ticket.subject, "My export stops")
        XCTAssertEqual(ticket.channel, .chat)
        XCTAssertEqual(ticket.status, .open, "the agent's chat reply took it into work")
        XCTAssertEqual(rows.map { $0["body"] as String }, ["My export stops\nat 10,000 rows", "Which format?", "CSV"])
        XCTAssertEqual(rows.map { $0["authorKind"] as String }, ["customer", "agent", "customer"])
        XCTAssertTrue((rows[0]["meta"] as String).contains(#""tries":"2""#), rows[0]["meta"] as String)
        let customer = try desk.db.read {
            try String.fetchOne($0, sql: "SELECT name FROM customers WHERE id = ?", arguments: [ticket.customerId])
        }
        XCTAssertEqual(customer, "Maya Lind")
    }

    func testAClosedConversationTicketGetsAFollowUpThatLaterLinesJoin() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.importConversations([
            try line(
                #"{"channel":"web","conversation":"f-9","customer":{"id":"visitor 42"},"subject":"Pricing","messages":[{"author":"customer","time":1795500000,"text":"NGO discount?"}]}"#
            )
        ])[0][0].ticket!
        try desk.setStatus(ticket: t, to: .solved, by: ada)
        try desk.setStatus(ticket: t, to: .closed, by: ada)
        let later = try desk.importConversations([
            try line(
                #"{"channel":"web","conversation":"f-9","customer":{"id":"visitor 42"},"messages":[{"author":"customer","time":1795600000,"text":"Any news?"}]}"#
            ),
            try line(
                #"{"channel":"web","conversation":"f-9","customer":{"id":"visitor 42"},"messages":[{"author":"customer","time":1795600100,"text":"Hello?"}]}"#
            ),
        ])
        guard case .followUp(let followUp, of: t) = later[0][0] else { return XCTFail("\(later)") }
        XCTAssertEqual(later[1], [.threaded(ticket: followUp, via: .conversation, reopened: false)])
        let email = try desk.db.read {
            try String.fetchOne(
                $0, sql: "SELECT c.email FROM customers c JOIN tickets t ON t.customerId = c.id WHERE t.id = ?", arguments: [t])
        }
        XCTAssertEqual(email, "visitor_42@web.invalid")
    }

    func testALineWithAnUnknownAgentIsRefusedAndTheOthersLand() throws {
        let (desk, _, _) = try makeDesk()
        let results = try desk.importConversations([
            try line(
                #"{"channel":"chat","conversation":"a","customer":{"email":"a@b.co"},"messages":[{"author":"customer","time":1,"text":"hi"},{"author":"agent:nobody","time":2,"text":"x"}]}"#
            ),
            try line(
                #"{"channel":"phone","conversation":"b","customer":{"email":"a@b.co"},"messages":[{"author":"customer","time":1,"text":"call"}]}"#
            ),
        ])
        XCTAssertEqual(results[0], [.failed("no agent with handle 'nobody'.")])
        guard case .created = results[1][0] else { return XCTFail("\(results)") }
        XCTAssertEqual(
            try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tickets") }, 1, "the refused line left nothing")
    }
}

/// Phone calls logged by an agent: a reached call is a reply (SLA), a voicemail a note.
final class PhoneCallTests: XCTestCase {
    func testCallLengthsAreReadAsAgentsTypeThem() {
        let cases: [(String, Int?)] = [
            ("12", 12), ("12m", 12), (" 7 m ", 7), ("1h05", 65), ("1:05", 65), ("2h", 120), ("90s", 2), ("0", 0),
            ("ten", nil), ("1h75", nil), ("", nil), ("-3", nil),
        ]
        for (text, minutes) in cases { XCTAssertEqual(PhoneCall.minutes(text), minutes, text) }
    }

    func testAReachedCallIsAReplyAVoicemailANoteAndResolvedSolves() throws {
        let withSLA = try Policy.parse(
            yaml: """
                branches:
                  - name: Billing L1
                    tier: tier1
                default_branch: Billing L1
                calendars:
                  - name: always
                    time_zone: UTC
                    hours:
                      mon-sun: "00:00-24:00"
                sla:
                  - name: standard
                    calendar: always
                    first_reply: 120
                    resolution: 960
                """, file: "sla.yaml")
        let (desk, ada, _) = try makeDesk(policy: withSLA)
        let t = try desk.createTicket(
            by: nil, customerEmail: "sam@example.org", subject: "Locked out", channel: .email, body: "help")
        var ticket = try desk.logCall(
            ticket: t.id!, PhoneCall(minutes: 3, outcome: .voicemail, summary: "left a message"), by: ada)
        XCTAssertEqual(ticket.status, .new, "nobody was reached: nothing moves")
        ticket = try desk.logCall(ticket: t.id!, PhoneCall(minutes: 12, outcome: .followUp, summary: "needs a reset"), by: ada)
        XCTAssertEqual(ticket.status, .open)
        ticket = try desk.logCall(
            ticket: t.id!, PhoneCall(minutes: 5, outcome: .resolved, summary: ""), by: ada, expectedVersion: ticket.version)
        XCTAssertEqual(ticket.status, .solved)
        let rows = try desk.db.read {
            try Row.fetchAll(
                $0,
                sql:
                    "SELECT visibility, channel, body, meta FROM messages WHERE ticketId = ? AND authorKind = 'agent' ORDER BY id",
                arguments: [t.id])
        }
        XCTAssertEqual(rows.map { $0["visibility"] as String }, ["internal", "public", "public"])
        XCTAssertEqual(Set(rows.map { $0["channel"] as String }), ["phone"])
        XCTAssertEqual(rows[1]["body"] as String, "Phone call · 12 min · follow-up needed\n\nneeds a reset")
        XCTAssertEqual(rows[1]["meta"] as String, #"{"duration":"720","outcome":"follow-up"}"#)
        let report = try desk.slaReport(ticket: t.id!)!
        XCTAssertEqual(
            report.targets.first { $0.target.kind == .firstReply }?.state, .met, "the reached call was the first reply")
        let outbound = try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbound") }
        XCTAssertEqual(outbound, 0, "a call is never mailed")
    }

    func testANewPhoneTicketStartsWithTheCall() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.logCallTicket(
            customerEmail: "new@caller.example", subject: "Billing question",
            PhoneCall(minutes: 4, outcome: .callback, summary: "call back Friday"),
            by: ada)
        XCTAssertEqual(t.channel, .phone)
        XCTAssertEqual(t.status, .open)
        XCTAssertThrowsError(
            try desk.logCallTicket(
                customerEmail: "nope", subject: "x", PhoneCall(minutes: 1, outcome: .resolved, summary: ""), by: ada))
        XCTAssertThrowsError(try desk.logCall(ticket: t.id!, PhoneCall(minutes: 5000, outcome: .resolved, summary: ""), by: ada))
    }
}
