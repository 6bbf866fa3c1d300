import Foundation
import GRDB
import PropertyBased
import Testing

@testable import DeskModel

/// Random text through every way text enters desk: read back from the database byte for byte,
/// or refused with the offset of the bad byte. Text is built from pieces: a NUL, ASCII (controls
/// included), combining marks, emoji and regional indicators, CJK, a scalar from any of the 17
/// planes; and, where the path takes bytes, sequences that are not UTF-8.
@Suite struct LosslessTextPropertyTests {
    enum Piece: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        /// Not UTF-8 at its first byte; ends in "!" so that no following piece can complete it.
        case invalid([UInt8])

        var bytes: [UInt8] {
            switch self {
            case .scalar(let s): Array(String(s).utf8)
            case .invalid(let b): b
            }
        }
    }

    static let invalidSequences: [[UInt8]] = [
        [0xFF], [0x80], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFE], [0xC3],
    ]

    static func piece(_ token: UInt32, invalid: Bool) -> Piece {
        let r = token / 16
        func scalar(_ v: UInt32) -> Piece { .scalar(Unicode.Scalar(v) ?? "\u{FFFD}") }
        switch token % 16 {
        case 0: return .scalar("\0")
        case 1, 2, 3: return scalar(r % 128)
        case 4: return scalar(0x300 + r % 0x70)
        case 5: return scalar(0x1F300 + r % 0x800)
        case 6: return scalar([0x200D, 0xFE0F, 0x1F1E6 + r % 26, 0xFEFF][Int(r % 4)])
        case 13: return scalar(0x4E00 + r % 0x5000)
        case 14, 15:
            guard invalid else { return scalar(0x80 + r % 0x80) }
            return .invalid(invalidSequences[Int(r) % invalidSequences.count] + [0x21])
        default:
            let plane = r % 17
            var offset = (r / 17) % 0x10000
            if plane == 0, (0xD800...0xDFFF).contains(offset) { offset = 0xFFFD }
            return scalar(plane << 16 | offset)
        }
    }

    static func pieces(invalid: Bool) -> Generator<[Piece], some Sequence & SendableMetatype> {
        Gen<UInt32>.value(in: 0...UInt32.max).array(of: 0...40).map { tokens in tokens.map { piece($0, invalid: invalid) } }
    }

    static func text(_ pieces: [Piece]) -> String {
        var s = String.UnicodeScalarView()
        for p in pieces { if case .scalar(let u) = p { s.append(u) } }
        return String(s)
    }

    static func bytes(_ pieces: [Piece]) -> [UInt8] { pieces.flatMap(\.bytes) }

    /// The byte offset where the first piece matching `bad` starts.
    static func offset(of pieces: [Piece], where bad: (Piece) -> Bool) -> Int? {
        var at = 0
        for p in pieces {
            if bad(p) { return at }
            at += p.bytes.count
        }
        return nil
    }

    static func firstNUL(_ pieces: [Piece]) -> Int? { offset(of: pieces) { $0 == .scalar("\0") } }
    static func firstInvalid(_ pieces: [Piece]) -> Int? {
        offset(of: pieces) {
            if case .invalid = $0 { true } else { false }
        }
    }

    /// A message body as stored: the raw bytes of the column (no C-string read in between).
    static func storedBody(_ desk: Desk, message id: Int64) throws -> [UInt8] {
        try desk.db.read { db in
            try [UInt8](Data.fetchOne(db, sql: "SELECT CAST(body AS BLOB) FROM messages WHERE id = ?", arguments: [id]) ?? Data())
        }
    }

    static func lastMessage(_ desk: Desk) throws -> Int64 {
        try desk.db.read { try Int64.fetchOne($0, sql: "SELECT max(id) FROM messages") ?? 0 }
    }

    // MARK: - The one check

    @Test func theCheckRefusesNULAtItsOffsetAndPassesEverythingElse() async {
        await propertyCheck(count: 500, input: Self.pieces(invalid: false)) { pieces in
            let text = Self.text(pieces)
            do {
                try StoredText.validate(text, field: "the note")
                #expect(Self.firstNUL(pieces) == nil)
            } catch let r as TextRefusal {
                #expect(r == TextRefusal(field: "the note", problem: .nul, offset: Self.firstNUL(pieces) ?? -1))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    // MARK: - The CLI's standard input

    @Test func standardInputDecodesExactlyOrNamesTheFirstBadByte() async {
        await propertyCheck(count: 500, input: Self.pieces(invalid: true)) { pieces in
            let bytes = Self.bytes(pieces)
            do {
                let text = try StoredText.decodeUTF8(bytes, field: "standard input")
                #expect(Self.firstInvalid(pieces) == nil)
                #expect(Array(text.utf8) == bytes)
            } catch let r as TextRefusal {
                let at = Self.firstInvalid(pieces) ?? -1
                #expect(r == TextRefusal(field: "standard input", problem: .invalidUTF8(byte: bytes[at]), offset: at))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    // MARK: - The service

    @Test func notesRepliesAndNewTicketsAreStoredByteForByteOrRefused() async throws {
        let (desk, ada, _) = try makeDesk()
        let ticket = try desk.createTicket(
            by: ada, customerEmail: "maya@example.com", subject: "Export", channel: .chat, body: "first")
        var round = 0
        await propertyCheck(count: 300, input: Self.pieces(invalid: false)) { pieces in
            round += 1
            let body = "x" + Self.text(pieces)
            let nul = Self.firstNUL(pieces).map { $0 + 1 }
            let before = try Self.lastMessage(desk)
            do {
                switch round % 4 {
                case 0: try desk.note(ticket: ticket.id!, body: body, by: ada)
                case 1: try desk.send(ticket: ticket.id!, SendRequest(body: body, confirmedInternal: true), by: ada)
                case 2: try desk.customerReply(ticket: ticket.id!, body: body)
                default:
                    try desk.createTicket(
                        by: ada, customerEmail: "maya@example.com", subject: "x", channel: .webForm, body: body)
                }
                #expect(nul == nil)
                let id = try Self.lastMessage(desk)
                #expect(id != before)
                #expect(try Self.storedBody(desk, message: id) == Array(body.utf8))
            } catch let r as TextRefusal {
                #expect(r.problem == .nul)
                #expect(r.offset == nul)
                #expect(try Self.lastMessage(desk) == before, "a refused text stores nothing")
            }
        }
    }

    // MARK: - Conversation intake

    /// A JSON line whose message text is `pieces`, escaped as JSON needs and otherwise raw (bad
    /// bytes included); the offset in the line where the text starts.
    static func line(_ pieces: [Piece], conversation: Int) -> (line: [UInt8], textStart: Int, textPieces: [[UInt8]]) {
        let head = Array(
            """
            {"channel":"chat","conversation":"c\(conversation)","customer":{"email":"maya@example.com"},\
            "messages":[{"author":"customer","time":"2026-11-20T08:00:00Z","text":"x
            """.utf8)
        var escaped: [[UInt8]] = []
        for p in pieces {
            switch p {
            case .scalar(let s) where s.value < 0x20 || s == "\"" || s == "\\":
                let hex = String(s.value, radix: 16)
                escaped.append(Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
            default: escaped.append(p.bytes)
            }
        }
        return (head + escaped.flatMap { $0 } + Array("\"}]}".utf8), head.count - 1, escaped)
    }

    @Test func conversationLinesAreImportedExactlyOrRefusedAtTheBadByte() async throws {
        let (desk, _, _) = try makeDesk()
        var round = 0
        await propertyCheck(count: 300, input: Self.pieces(invalid: true)) { pieces in
            round += 1
            let (line, textStart, escaped) = Self.line(pieces, conversation: round)
            let invalid = Self.firstInvalid(pieces)
            do {
                let parsed = try ConversationLine.parse(bytes: line)
                #expect(invalid == nil)
                #expect(Self.firstNUL(pieces) == nil)
                let results = try desk.importConversations([parsed])
                guard case .created = results.first?.first else {
                    Issue.record("not imported: \(results)")
                    return
                }
                #expect(try Self.storedBody(desk, message: Self.lastMessage(desk)) == Array(("x" + Self.text(pieces)).utf8))
            } catch let e as IntakeLineError {
                if let invalid {
                    // The offset in the line: the escapes before the bad byte count as written.
                    let index = pieces.firstIndex { if case .invalid = $0 { true } else { false } }!
                    let at = textStart + 1 + escaped[..<index].reduce(0) { $0 + $1.count }
                    #expect(e.message.contains("byte offset \(at) "), "\(e.message) (expected \(at), raw \(invalid))")
                    #expect(e.message.hasPrefix("the line is not valid UTF-8"))
                } else {
                    let nul = (Self.firstNUL(pieces) ?? -100) + 1
                    #expect(e.message == "messages[0]: text contains a NUL byte at byte offset \(nul); desk stores text without NUL characters.")
                }
            }
        }
    }

    // MARK: - Mail

    @Test func mailBodiesAndSubjectsAreNeverLostAndNeverHoldNUL() async throws {
        let (desk, _, _) = try makeDesk()
        var round = 0
        // No line breaks in the pieces: one line of body, so nothing is taken for quoted history.
        let pieces = Self.pieces(invalid: true).map { $0.filter { $0 != .scalar("\n") && $0 != .scalar("\r") } }
        await propertyCheck(count: 200, input: pieces) { pieces in
            round += 1
            let body = Array("x".utf8) + Self.bytes(pieces)
            let raw =
                Array(
                    "From: Maya <maya@example.com>\nTo: support@desk.example\nMessage-ID: <p\(round)@example.com>\nSubject: x"
                        .utf8) + Self.bytes(pieces) + Array(
                    "x\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n".utf8) + body
            let mail = try InboundMail.parse(raw)
            #expect(StoredText.firstNUL(in: mail.text) == nil)
            #expect(StoredText.firstNUL(in: mail.subject) == nil)
            let nuls = pieces.filter { $0 == .scalar("\0") }.count
            if nuls > 0 { #expect(mail.notes.contains { $0.contains("NUL character") && $0.contains("U+FFFD") }) }
            if Self.firstInvalid(pieces) == nil {
                // Valid text is kept as sent, each NUL shown as U+FFFD.
                let expected = "x" + Self.text(pieces.map { $0 == .scalar("\0") ? .scalar("\u{FFFD}") : $0 })
                #expect(mail.text == expected)
            } else {
                #expect(mail.notes.contains { $0.contains("not valid") }, "\(mail.notes)")
            }
            let results = try desk.importMail([mail])
            guard case .created(let ticket) = results.first else {
                Issue.record("not imported: \(results)")
                return
            }
            #expect(try Self.storedBody(desk, message: Self.lastMessage(desk)) == Array(Desk.messageBody(mail).utf8))
            let subject = try desk.db.read { db in
                try [UInt8](Data.fetchOne(db, sql: "SELECT CAST(subject AS BLOB) FROM tickets WHERE id = ?", arguments: [ticket])!)
            }
            #expect(subject == Array(Desk.ticketSubject(mail).utf8))
        }
    }
}
