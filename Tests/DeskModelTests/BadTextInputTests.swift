import GRDB
import XCTest

@testable import DeskModel

/// NUL and invalid bytes on each way in: a clear refusal naming the text and the byte, nothing
/// stored; or, for mail, the text kept with U+FFFD and the repair said in its metadata.
final class BadTextInputTests: XCTestCase {
    func refusal(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    func messageCount(_ desk: Desk) throws -> Int {
        try desk.db.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM messages") ?? 0 }
    }

    func testEveryServiceWriteRefusesNULNamingTheTextAndTheByte() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: ada, customerEmail: "maya@example.com", subject: "Export", channel: .chat, body: "hi")
        let id = t.id!
        let before = try messageCount(desk)
        let nul = "before NUL\0after NUL"
        let cases: [(String, () throws -> Any)] = [
            ("the note contains a NUL byte at byte offset 10", { try desk.note(ticket: id, body: nul, by: ada) }),
            ("the reply contains a NUL byte at byte offset 10", { try desk.reply(ticket: id, body: nul, by: ada) }),
            ("the reply contains a NUL byte at byte offset 10", { try desk.send(ticket: id, SendRequest(body: nul), by: ada) }),
            ("the customer's message contains a NUL byte at byte offset 10", { try desk.customerReply(ticket: id, body: nul) }),
            ("the note contains a NUL byte at byte offset 10", { try desk.reproNote(ticket: id, body: nul, by: ada) }),
            (
                "the draft contains a NUL byte at byte offset 10",
                {
                    try desk.saveDraft(ReplyDraft(ticketId: id, agentId: ada.id!, mode: "note", body: nul, updatedAt: 0))
                }
            ),
            (
                "the subject contains a NUL byte at byte offset 10",
                {
                    try desk.createTicket(by: ada, customerEmail: "maya@example.com", subject: nul, channel: .chat, body: "x")
                }
            ),
            (
                "the first message contains a NUL byte at byte offset 10",
                {
                    try desk.createTicket(by: ada, customerEmail: "maya@example.com", subject: "s", channel: .chat, body: nul)
                }
            ),
            (
                "the call summary contains a NUL byte at byte offset 10",
                {
                    try desk.logCall(ticket: id, PhoneCall(minutes: 3, outcome: .resolved, summary: nul), by: ada)
                }
            ),
            ("the incident title contains a NUL byte at byte offset 10", { try desk.openIncident(tag: "outage", title: nul) }),
        ]
        for (expected, write) in cases {
            XCTAssertEqual(refusal(write), expected + "; desk stores text without NUL characters.")
        }
        XCTAssertEqual(try messageCount(desk), before, "nothing was stored")
        XCTAssertNil(try desk.draft(ticket: id, agent: ada.id!))
    }

    func testTheRecordColumnsRefuseANULThatGotPastTheService() throws {
        // The second line: a write path that forgot its check still cannot cut a text.
        let (desk, _, _) = try makeDesk()
        XCTAssertThrowsError(
            try desk.db.write { db in
                var c = Customer(email: "nul@example.com", name: "a\0b")
                try c.insertRow(db)
            }
        ) { XCTAssertEqual($0 as? TextRefusal, TextRefusal(field: "customers.name", problem: .nul, offset: 1)) }
    }

    func testIntakeLinesNameTheFieldAndTheOffset() {
        let line =
            #"{"channel":"chat","conversation":"c1","customer":{"email":"a@b.example","name":"Ma\u0000ya"},"messages":[{"author":"customer","time":"2026-11-20T09:00:00Z","text":"hi"}]}"#
        XCTAssertThrowsError(try ConversationLine.parse(line)) {
            XCTAssertEqual(
                "\($0)", "customer.name contains a NUL byte at byte offset 2; desk stores text without NUL characters.")
        }
        var bytes = Array(line.replacingOccurrences(of: #"Ma\u0000ya"#, with: "Maya").utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "h"))!
        bytes[at] = 0xE9  // Latin-1 é, not UTF-8
        XCTAssertThrowsError(try ConversationLine.parse(bytes: bytes)) {
            XCTAssertEqual(
                "\($0)",
                "the line is not valid UTF-8: byte 0xE9 at byte offset \(at) is not part of a character; desk stores UTF-8 text only."
            )
        }
    }

    func testPolicyAndTemplateFilesPointAtTheLine() throws {
        let yaml = "branches:\n  - name: \"Bill\\0ing\"\n    tier: tier1\ndefault_branch: Billing\n"
        XCTAssertThrowsError(try Policy.parse(yaml: yaml, file: "policy.yaml")) { error in
            let issues = (error as? PolicyError)?.issues.map(\.description) ?? []
            XCTAssertTrue(
                issues.contains(
                    "policy.yaml:2: branches[1].name: the value contains a NUL character at byte offset 4; desk stores text without NUL characters"
                ), "\(issues)")
        }
        let path = tempPath("policy.yaml")
        try Data("branches:\n  - name: Bill\u{00}ing\n".utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try Policy.load(path: path)) {
            // The file is named as it was given (docs/cli.md), so the agent finds the right one.
            XCTAssertEqual(
                ($0 as? PolicyError)?.issues.first?.description,
                "\(path):2: (file): the file contains a NUL byte at byte offset 24; desk stores text without NUL characters.")
        }
        let (desk, ada, _) = try makeDesk()
        let dir = (tempPath() as NSString).deletingLastPathComponent
        try Data("---\nname: refund\n---\nHello \u{FF}".utf8.map { $0 } + [0xFF]).write(
            to: URL(fileURLWithPath: dir + "/refund.md"))
        let report = try desk.importTemplates(from: dir, by: ada)
        XCTAssertEqual(report.brokenFiles, ["refund.md"])
        XCTAssertEqual(report.issues.first?.line, 4)
        XCTAssertTrue(report.issues.first?.message.contains("is not valid UTF-8: byte 0xFF at byte offset") == true)
    }

    func testMailKeepsItsTextWithNULShownAsReplacementAndSaysSo() throws {
        let raw = Array("From: Maya <maya@example.com>\nSubject: a\u{0}b\nMessage-ID: <m@x>\n\nbefore NUL\u{0}after NUL\n".utf8)
        let mail = try InboundMail.parse(raw)
        XCTAssertEqual(mail.text, "before NUL\u{FFFD}after NUL\n".trimmingCharacters(in: .newlines) + "\n")
        XCTAssertEqual(mail.subject, "a\u{FFFD}b")
        XCTAssertTrue(mail.notes.contains("2 NUL characters replaced by U+FFFD"), "\(mail.notes)")
        let (desk, _, _) = try makeDesk()
        XCTAssertEqual(try desk.importMail([mail]), [.created(ticket: 1)])
        let meta = try desk.db.read { try String.fetchOne($0, sql: "SELECT meta FROM messages") } ?? ""
        XCTAssertTrue(meta.contains("NUL characters replaced by U+FFFD"), meta)
        // Bytes that are not UTF-8 in a UTF-8 part: read as Windows-1252, and said so.
        let latin = Array("From: maya@example.com\nContent-Type: text/plain; charset=utf-8\n\nCaf".utf8) + [0xE9]
        let l = try InboundMail.parse(latin)
        XCTAssertEqual(l.text, "Café")
        XCTAssertTrue(l.notes.contains { $0.contains("not valid in its charset (first bad byte at offset 3)") }, "\(l.notes)")
    }

    func testTheConsoleShowsANULAsCaretAt() {
        XCTAssertEqual(Sanitizer.multiline("before NUL\0after NUL"), "before NUL^@after NUL")
        XCTAssertEqual(Sanitizer.singleLine("a\0b"), "a^@b")
    }

    func testReadingBackIsExactForEveryPlane() throws {
        let (desk, ada, _) = try makeDesk()
        let t = try desk.createTicket(by: ada, customerEmail: "maya@example.com", subject: "Export", channel: .chat, body: "hi")
        let text = "é e\u{301} 請求書 🇯🇵 👩\u{200D}💻 \u{10FFFD} \u{E0001} \u{1D11E} \u{FFFD} \u{FEFF} \t\r\n\u{1B}[2J"
        try desk.note(ticket: t.id!, body: text, by: ada)
        let stored = try desk.db.read {
            try Data.fetchOne($0, sql: "SELECT CAST(body AS BLOB) FROM messages ORDER BY id DESC LIMIT 1")
        }
        XCTAssertEqual(stored.map { [UInt8]($0) }, Array(text.utf8))
    }
}
