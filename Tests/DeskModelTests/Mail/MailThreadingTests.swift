import GRDB
import XCTest

@testable import DeskModel

/// Threading as a table: a set of mails in, tickets out. Each case starts from an empty desk.
final class MailThreadingTests: XCTestCase {
    /// A hand-written mail; `id: nil` leaves out the Message-ID.
    static func eml(
        _ id: String?, from: String = "Priya Schmidt <priya@initech.example>", subject: String = "Export fails",
        inReplyTo: String? = nil, references: String? = nil, extra: String = "", body: String = "The export fails.",
        to: String = "support@desk.example"
    ) -> InboundMail {
        var text = "From: \(from)\nTo: \(to)\nSubject: \(subject)\nDate: Tue, 17 Nov 2026 09:00:00 +0000\n"
        if let id { text += "Message-ID: \(id)\n" }
        if let inReplyTo { text += "In-Reply-To: \(inReplyTo)\n" }
        if let references { text += "References: \(references)\n" }
        text += extra.isEmpty ? "" : extra + "\n"
        text += "\n" + body + "\n"
        return try! InboundMail.parse(Array(text.utf8))
    }

    enum Step {
        case mail(InboundMail, IntakeResult)
        case act((Desk, Agent) throws -> Void)
    }

    struct Case {
        var name: String
        var steps: [Step]
        var tickets: Int
        var messages: Int
    }

    var cases: [Case] {
        [
            Case(
                name: "a new mail opens a routed ticket; a reply by In-Reply-To joins it",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(
                        Self.eml("<b@x>", subject: "Re: Export fails", inReplyTo: "<a@x>"),
                        .threaded(ticket: 1, via: .inReplyTo, reopened: false)),
                ], tickets: 1, messages: 2),
            Case(
                name: "References alone thread (the newest known id wins)",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(
                        Self.eml("<c@x>", references: "<zz@unknown> <a@x>"),
                        .threaded(ticket: 1, via: .references, reopened: false)),
                ], tickets: 1, messages: 2),
            Case(
                name: "a reply to our own outbound reply threads by its Message-ID",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .act { desk, agent in
                        try desk.reply(ticket: 1, body: "Try again", by: agent)
                        try desk.db.write {
                            try $0.execute(sql: "UPDATE messages SET messageIdHeader = '<out@desk>' WHERE authorKind = 'agent'")
                        }
                    },
                    .mail(Self.eml("<b@x>", inReplyTo: "<out@desk>"), .threaded(ticket: 1, via: .inReplyTo, reopened: false)),
                ], tickets: 1, messages: 2),
            Case(
                name: "a [#N] subject tag threads mail from the same customer, not from a stranger",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(
                        Self.eml("<b@x>", subject: "Still broken [#1]"), .threaded(ticket: 1, via: .subjectTag, reopened: false)),
                    .mail(Self.eml("<c@x>", from: "mallory@evil.example", subject: "Re: [#1]"), .created(ticket: 2)),
                    .mail(Self.eml("<d@x>", subject: "About [#999]"), .created(ticket: 3)),
                ], tickets: 3, messages: 4),
            Case(
                name: "a reply that arrives before its parent: the parent joins the reply's ticket",
                steps: [
                    .mail(Self.eml("<child@x>", subject: "Re: Export fails", inReplyTo: "<parent@x>"), .created(ticket: 1)),
                    .mail(Self.eml("<parent@x>"), .threaded(ticket: 1, via: .laterParent, reopened: false)),
                ], tickets: 1, messages: 2),
            Case(
                name: "two replies to a mail desk never received join one ticket (siblings of a missing root)",
                steps: [
                    .mail(
                        Self.eml("<r1@x>", subject: "Re: [PATCH] export", inReplyTo: "<patch@lists>", references: "<patch@lists>"),
                        .created(ticket: 1)),
                    .mail(
                        Self.eml("<r2@x>", subject: "Re: [PATCH] export", inReplyTo: "<patch@lists>", references: "<patch@lists>"),
                        .threaded(ticket: 1, via: .sharedParent, reopened: false)),
                    .mail(
                        Self.eml("<r3@x>", subject: "Re: [PATCH] export", inReplyTo: "<patch@lists>"),
                        .threaded(ticket: 1, via: .sharedParent, reopened: false)),
                ], tickets: 1, messages: 3),
            Case(
                name: "a notification whose only reference is a root never sent joins the ticket an auto-reply named it on",
                steps: [
                    .mail(Self.eml("<c@x>"), .created(ticket: 1)),
                    .mail(
                        Self.eml(
                            "<rt-ack@rt>", from: "RT <rt@vendor.example>", subject: "[vendor #7] AutoReply: Export fails",
                            inReplyTo: "<c@x>", references: "<RT-Ticket-7@rt> <c@x>", extra: "Auto-Submitted: auto-replied"),
                        .autoRecorded(ticket: 1)),
                    .mail(
                        Self.eml(
                            "<rt-done@rt>", from: "RT <rt@vendor.example>", subject: "[vendor #7] Resolved: Export fails",
                            references: "<RT-Ticket-7@rt>"),
                        .threaded(ticket: 1, via: .sharedParent, reopened: false)),
                ], tickets: 1, messages: 3),
            Case(
                name: "a reply naming a missing parent and a stored one joins the stored parent's ticket",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(Self.eml("<s@x>", subject: "Other", inReplyTo: "<gone@x>"), .created(ticket: 2)),
                    .mail(
                        Self.eml("<b@x>", inReplyTo: "<gone@x>", references: "<a@x> <gone@x>"),
                        .threaded(ticket: 1, via: .references, reopened: false)),
                ], tickets: 2, messages: 3),
            Case(
                name: "a message that references itself opens one ticket and nothing loops",
                steps: [
                    .mail(Self.eml("<self@x>", inReplyTo: "<self@x>", references: "<self@x>"), .created(ticket: 1))
                ], tickets: 1, messages: 1),
            Case(
                name: "the same Message-ID twice (a reply-all copy) and the same bytes twice are duplicates",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(Self.eml("<a@x>", to: "sales@desk.example"), .duplicate(ticket: 1)),
                    .mail(Self.eml(nil, body: "no id"), .created(ticket: 2)),
                    .mail(Self.eml(nil, body: "no id"), .duplicate(ticket: 2)),
                ], tickets: 2, messages: 2),
            Case(
                name: "auto-replies never open a ticket; on a ticket they are recorded and reopen nothing",
                steps: [
                    .mail(
                        Self.eml("<ooo@x>", subject: "Out of Office", extra: "Auto-Submitted: auto-replied"),
                        .autoIgnored(.autoReply)),
                    .mail(Self.eml("<list@x>", extra: "Precedence: bulk"), .autoIgnored(.bulk)),
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .act { desk, agent in _ = try desk.setStatus(ticket: 1, to: .solved, by: agent) },
                    .mail(
                        Self.eml(
                            "<ooo2@x>", subject: "Automatic reply: Export fails", inReplyTo: "<a@x>", extra: "X-Autoreply: yes"),
                        .autoRecorded(ticket: 1)),
                ], tickets: 1, messages: 2),
            Case(
                name: "a reply to a solved ticket reopens it; to a closed one opens a linked follow-up",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .act { desk, agent in _ = try desk.setStatus(ticket: 1, to: .solved, by: agent) },
                    .mail(Self.eml("<b@x>", inReplyTo: "<a@x>"), .threaded(ticket: 1, via: .inReplyTo, reopened: true)),
                    .act { desk, agent in
                        _ = try desk.setStatus(ticket: 1, to: .solved, by: agent)
                        _ = try desk.setStatus(ticket: 1, to: .closed, by: agent)
                    },
                    .mail(Self.eml("<c@x>", inReplyTo: "<b@x>"), .followUp(ticket: 2, of: 1)),
                    .mail(Self.eml("<d@x>", inReplyTo: "<c@x>"), .threaded(ticket: 2, via: .inReplyTo, reopened: false)),
                ], tickets: 2, messages: 4),
            Case(
                name: "a reply to a merged ticket lands on the ticket that survived",
                steps: [
                    .mail(Self.eml("<a@x>"), .created(ticket: 1)),
                    .mail(Self.eml("<b@x>", subject: "Export again"), .created(ticket: 2)),
                    .act { desk, agent in _ = try desk.merge(ticket: 2, into: 1, by: agent) },
                    .mail(Self.eml("<c@x>", inReplyTo: "<b@x>"), .threaded(ticket: 1, via: .inReplyTo, reopened: false)),
                ], tickets: 2, messages: 3),
        ]
    }

    func testThreadingTable() throws {
        for c in cases {
            let (desk, ada, _) = try makeDesk()
            for (i, step) in c.steps.enumerated() {
                switch step {
                case .mail(let mail, let expected):
                    XCTAssertEqual(try desk.importMail([mail]), [expected], "\(c.name): step \(i + 1)")
                case .act(let action):
                    try action(desk, ada)
                }
            }
            let (tickets, messages) = try desk.db.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets")!,
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE authorKind = 'customer'")!
                )
            }
            XCTAssertEqual(tickets, c.tickets, c.name)
            XCTAssertEqual(messages, c.messages, c.name)
        }
    }

    /// The same table with each run of mails between two actions imported as one batch: what a
    /// batch reads up front (`MailBatchIndex`) and learns while it stores must thread exactly as
    /// mail imported one at a time does.
    func testThreadingTableInOneBatch() throws {
        for c in cases {
            let (desk, ada, _) = try makeDesk()
            var mails: [InboundMail] = [], expected: [IntakeResult] = []
            func importRun() throws {
                guard !mails.isEmpty else { return }
                XCTAssertEqual(try desk.importMail(mails), expected, c.name)
                mails = []
                expected = []
            }
            for step in c.steps {
                switch step {
                case .mail(let mail, let result):
                    mails.append(mail)
                    expected.append(result)
                case .act(let action):
                    try importRun()
                    try action(desk, ada)
                }
            }
            try importRun()
            XCTAssertEqual(try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM tickets") }, c.tickets, c.name)
        }
    }

    func testOneBatchKnowsASenderByAnyCaseOfTheAddress() throws {
        let (desk, _, _) = try makeDesk()
        let results = try desk.importMail([
            Self.eml("<a@x>", from: "priya@initech.example", subject: "One"),
            Self.eml("<b@x>", from: "Priya Schmidt <PRIYA@Initech.example>", subject: "Two"),
        ])
        XCTAssertEqual(results, [.created(ticket: 1), .created(ticket: 2)])
        let customers = try desk.db.read { try Row.fetchAll($0, sql: "SELECT email, name FROM customers") }
        XCTAssertEqual(customers.count, 1, "one customer for both cases of the address")
        XCTAssertEqual(customers.first?["name"], "Priya Schmidt", "the placeholder name is replaced within the batch")
    }

    func testAutoReplyOnASolvedTicketLeavesItSolvedAndOutOfSLA() throws {
        let (desk, ada, _) = try makeDesk()
        _ = try desk.importMail([Self.eml("<a@x>")])
        _ = try desk.setStatus(ticket: 1, to: .solved, by: ada)
        _ = try desk.importMail([Self.eml("<o@x>", inReplyTo: "<a@x>", extra: "Auto-Submitted: auto-replied")])
        let t = try desk.db.read { try Ticket.fetchOne($0, key: 1)! }
        XCTAssertEqual(t.status, .solved)
        let kinds = try desk.db.read { try String.fetchAll($0, sql: "SELECT kind FROM events WHERE ticketId = 1 ORDER BY id") }
        XCTAssertEqual(kinds.last, "message.auto")
        XCTAssertEqual(try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM outbound") }, 0, "no mail loop")
    }

    func testMailDetailsAreKeptWithTheMessage() throws {
        let (desk, _, _) = try makeDesk()
        let mail = try InboundMail.parse(
            Array(
                """
                From: =?UTF-8?Q?Priya_Schmidt?= <priya@initech.example>
                To: support@desk.example
                Subject: Export fails
                Message-ID: <a@x>
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                New text here.

                On Mon, 16 Nov 2026, Desk wrote:
                > old
                --b
                Content-Type: text/csv; name=export.csv

                a,b
                --b--
                """.utf8))
        XCTAssertEqual(try desk.importMail([mail]), [.created(ticket: 1)])
        let row = try desk.db.read { db in
            try Row.fetchOne(db, sql: "SELECT body, quoted, meta, contentHash FROM messages")!
        }
        XCTAssertEqual(row["body"], "New text here.")
        XCTAssertEqual(row["quoted"], "On Mon, 16 Nov 2026, Desk wrote:\n> old")
        XCTAssertTrue((row["meta"] as String).contains("\"from\":\"priya@initech.example\""))
        let customer = try desk.db.read { try String.fetchOne($0, sql: "SELECT name FROM customers") }
        XCTAssertEqual(customer, "Priya Schmidt", "the display name replaces the address as the customer's name")
        let file = try desk.db.read { try Row.fetchOne($0, sql: "SELECT name, contentType, size, data FROM attachments")! }
        XCTAssertEqual(file["name"], "export.csv")
        XCTAssertEqual(file["size"], 3)
        XCTAssertEqual(file["data"], Data("a,b".utf8))
        let hits = try desk.db.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'text'")
        }
        XCTAssertEqual(hits, 1, "bodies are in the full-text index")
    }
}
