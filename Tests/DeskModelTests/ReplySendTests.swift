import DeskModel
import GRDB
import XCTest

final class ReplySendTests: XCTestCase {
    var desk: Desk!
    var ada: Agent!
    var outbox: String!

    override func setUpWithError() throws {
        desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        ada = try desk.agent(handle: "ada")
        outbox = (desk.db.path as NSString).deletingLastPathComponent + "/outbox"
    }

    private func emailTicket() throws -> Ticket {
        try desk.createTicket(
            by: nil, customerEmail: "zoë@example.com", subject: "Résumé of my invoice", channel: .email,
            body: "Please send my invoice again.")
    }

    func testSendRecordsMessageStatusTemplateUseAndQueuesMailInOneTransaction() throws {
        let t = try emailTicket()
        let tpl = try desk.template(named: "invoice-correction")
        let text = try desk.insertion(template: tpl.id!, ticket: t.id!, agent: ada).text
        let sent = try desk.send(
            ticket: t.id!,
            SendRequest(
                body: text.replacingOccurrences(of: "{{", with: "").replacingOccurrences(of: "}}", with: "") + "\n\n**done**.",
                then: .solved, templateIds: [tpl.id!],
                actions: MacroActions(priority: .high, tags: ["invoice"])), by: ada, expectedVersion: t.version)
        XCTAssertEqual(sent.ticket?.status, .solved)
        XCTAssertEqual(sent.ticket?.priority, .high)
        XCTAssertEqual(sent.ticket?.tagList.contains("invoice"), true)
        XCTAssertNotNil(sent.outboundId)
        try desk.db.read { db in
            XCTAssertEqual(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM events WHERE ticketId = ? AND kind = 'template.sent'", arguments: [t.id]), 1)
            XCTAssertEqual(
                try String.fetchOne(db, sql: "SELECT state FROM outbound WHERE id = ?", arguments: [sent.outboundId]), "queued")
            // The SLA's first reply is met by it, in the same write.
            XCTAssertNil(try Int64.fetchOne(db, sql: "SELECT slaDueAt FROM tickets WHERE id = ?", arguments: [t.id]))
        }
        let delivered = try desk.deliverOutbound([sent.outboundId!])
        XCTAssertEqual(delivered.first?.state, "sent")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox + "/new")
        let texts = try files.map { try String(contentsOfFile: outbox + "/new/" + $0, encoding: .utf8) }
        XCTAssertEqual(texts.filter { $0.contains(delivered.first!.messageIdHeader) }.count, 1, "written once into the Maildir")
    }

    func testRawPlaceholdersAndUnconfirmedInternalTextAreNeverSent() throws {
        let t = try emailTicket()
        XCTAssertThrowsError(try desk.send(ticket: t.id!, SendRequest(body: "As discussed: {{ticket.summary}}"), by: ada)) {
            XCTAssertTrue("\($0)".contains("{{ticket.summary}}"), "\($0)")
        }
        XCTAssertThrowsError(try desk.send(ticket: t.id!, SendRequest(body: "Refund done, see PAY-212 [internal]"), by: ada)) {
            XCTAssertTrue("\($0)".contains("confirm"), "\($0)")
        }
        try desk.note(ticket: t.id!, body: "Customer is on the legacy plan with a manual discount of 30 percent", by: ada)
        XCTAssertThrowsError(
            try desk.send(
                ticket: t.id!,
                SendRequest(body: "Good news: customer is on the legacy plan with a manual discount of 30 percent"), by: ada))
        XCTAssertEqual(try desk.outbox().count, 0, "nothing was queued")
        // A note may hold anything internal; a confirmed public reply goes out.
        XCTAssertNoThrow(try desk.send(ticket: t.id!, SendRequest(body: "[internal] PAY-212", visibility: .internal), by: ada))
        XCTAssertNoThrow(try desk.send(ticket: t.id!, SendRequest(body: "See [internal] ref", confirmedInternal: true), by: ada))
    }

    func testStaleVersionIsRefusedAndLosesNothing() throws {
        let t = try emailTicket()
        try desk.saveDraft(ReplyDraft(ticketId: t.id!, agentId: ada.id!, mode: "reply", body: "my draft", updatedAt: 1))
        // The customer wrote again after the draft began: the send stops.
        try desk.customerReply(ticket: t.id!, body: "Any news?")
        XCTAssertThrowsError(try desk.send(ticket: t.id!, SendRequest(body: "Hello"), by: ada, expectedVersion: t.version))
        XCTAssertEqual(try desk.draft(ticket: t.id!, agent: ada.id!)?.body, "my draft", "the draft survives a refused send")
        try desk.send(ticket: t.id!, SendRequest(body: "Hello"), by: ada)
        XCTAssertNil(try desk.draft(ticket: t.id!, agent: ada.id!), "a sent reply drops its draft")
    }

    func testOutboundMessageThreadsAndEncodes() throws {
        let t = try emailTicket()
        try desk.db.write { db in
            try db.execute(
                sql: "UPDATE messages SET messageIdHeader = '<cust-1@example.com>' WHERE ticketId = ?", arguments: [t.id])
        }
        let first = try desk.send(
            ticket: t.id!, SendRequest(body: "Hi **Zoë**,\n\n- one\n- two\n\n<script>x</script> & more"), by: ada)
        let raw = try desk.db.read { db in
            try String.fetchOne(db, sql: "SELECT raw FROM outbound WHERE id = ?", arguments: [first.outboundId])
        }!
        XCTAssertTrue(raw.contains("In-Reply-To: <cust-1@example.com>\r\n"))
        XCTAssertTrue(raw.contains("References: <cust-1@example.com>\r\n"))
        XCTAssertTrue(raw.contains("Subject: =?utf-8?B?"), "a non-ASCII subject is an encoded word")
        XCTAssertTrue(raw.contains("[#\(t.id!)]") || raw.contains("Subject: =?utf-8?B?"))
        XCTAssertTrue(
            raw.contains("From: Billing Support <billing@desk.example>") || raw.contains("From: Support <support@desk.example>"))
        XCTAssertTrue(raw.contains("Content-Type: multipart/alternative; boundary="))
        XCTAssertTrue(raw.contains("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable"))
        XCTAssertTrue(raw.contains("Hi **Zo=C3=AB**"), "quoted-printable UTF-8")
        XCTAssertTrue(raw.contains("<strong>Zo=C3=AB</strong>"), "Markdown rendered to HTML")
        // The HTML part, soft line breaks undone: raw HTML in a reply is text there, not markup.
        let html = String(raw[raw.range(of: "Content-Type: text/html")!.lowerBound...]).replacingOccurrences(
            of: "=\r\n", with: "")
        XCTAssertTrue(html.contains("&lt;script&gt;x&lt;/script&gt; &amp; more"), html)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(raw.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 998 })
        XCTAssertFalse(raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF line ends only")
        // The second reply continues the thread: it references the first one's Message-ID.
        let firstId = try desk.db.read { db in
            try String.fetchOne(db, sql: "SELECT messageIdHeader FROM outbound WHERE id = ?", arguments: [first.outboundId])
        }!
        let second = try desk.send(ticket: t.id!, SendRequest(body: "Again"), by: ada)
        let raw2 = try desk.db.read { db in
            try String.fetchOne(db, sql: "SELECT raw FROM outbound WHERE id = ?", arguments: [second.outboundId])
        }!
        XCTAssertTrue(raw2.contains(firstId), "References carry the earlier reply")
        XCTAssertTrue(raw2.contains("In-Reply-To: <cust-1@example.com>"), "it still answers the customer's message")
    }

    func testHeaderInjectionIsRefusedBeforeComposing() throws {
        let t = try desk.createTicket(
            by: nil, customerEmail: "eve@example.com", subject: "Hello\r\nBcc: everyone@example.com", channel: .email, body: "x")
        XCTAssertThrowsError(try desk.send(ticket: t.id!, SendRequest(body: "Hi"), by: ada)) {
            XCTAssertTrue("\($0)".contains("header injection"), "\($0)")
        }
        XCTAssertEqual(try desk.outbox().count, 0)
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).timeline.filter { $0.kind == .publicReply }.count, 0, "nothing recorded")
        let mail = OutboundMail(
            from: "Support <support@desk.example>", to: "a@example.com", subject: "ok", messageId: "<x\u{0}@y>", inReplyTo: nil,
            references: [], date: Date(), body: "b")
        XCTAssertThrowsError(try mail.rendered(boundary: "b"))
    }

    func testFailedDeliveryStaysQueuedWithItsErrorUntilRetried() throws {
        var policy = Policy.standard
        policy.mail.delivery = .sendmail(["/bin/sh", "-c", "echo 'relay refused' >&2; exit 75"])
        let failing = Desk(db: desk.db, clock: desk.clock, policy: policy)
        let t = try emailTicket()
        let sent = try failing.send(ticket: t.id!, SendRequest(body: "Hello"), by: ada)
        let r = try failing.deliverOutbound([sent.outboundId!]).first!
        XCTAssertEqual(r.state, "failed")
        XCTAssertEqual(r.lastError, "/bin/sh exited with status 75: relay refused")
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).undeliveredMail, ["/bin/sh exited with status 75: relay refused"])
        var ok = Policy.standard
        ok.mail.delivery = .sendmail(["/bin/sh", "-c", "cat > \(outbox!).sent"])
        let working = Desk(db: desk.db, clock: desk.clock, policy: ok)
        XCTAssertEqual(try working.deliverOutbound().map(\.state), ["sent"])
        XCTAssertTrue(try String(contentsOfFile: outbox + ".sent", encoding: .utf8).contains("Subject: "))
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).undeliveredMail, [])
    }

    func testAHungMailCommandIsStoppedAtTheTimeoutAndTheMessageMarkedFailed() throws {
        var policy = Policy.standard
        // Never reads the message, never exits by itself.
        policy.mail.delivery = .sendmail(["/bin/sleep", "600"])
        policy.mail.timeoutSeconds = 1
        let hung = Desk(db: desk.db, clock: desk.clock, policy: policy)
        let t = try emailTicket()
        let sent = try hung.send(ticket: t.id!, SendRequest(body: "Hello"), by: ada)
        let r = try hung.deliverOutbound([sent.outboundId!]).first!
        XCTAssertEqual(r.state, "failed")
        XCTAssertEqual(r.lastError, "/bin/sleep did not finish within 1 s and was stopped")
        XCTAssertEqual(try desk.ticketDetail(id: t.id!).undeliveredMail, [r.lastError!])
        let left = try DeskBinaryFreeShell.run("pgrep -x sleep -a | grep ' 600$' || true")
        XCTAssertEqual(left, "", "the command was killed, not left running")
    }

    func testAMailCommandThatExitsWithoutReadingTheMessageFailsCleanly() throws {
        var policy = Policy.standard
        policy.mail.delivery = .sendmail(["/bin/sh", "-c", "exit 0"])
        let lazy = Desk(db: desk.db, clock: desk.clock, policy: policy)
        let t = try emailTicket()
        let long = String(repeating: "A long line of the reply. ", count: 20_000)
        let sent = try lazy.send(ticket: t.id!, SendRequest(body: long), by: ada)
        // It said it took the message: desk believes it, and nothing crashes on the unread rest.
        XCTAssertEqual(try lazy.deliverOutbound([sent.outboundId!]).first?.state, "sent")
    }
}

/// A shell command's output, for checks on the processes a test left behind.
enum DeskBinaryFreeShell {
    static func run(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
