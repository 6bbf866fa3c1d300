import Crypto
import Foundation

/// A file the customer attached (or an inline image): kept whole, retrievable later.
public struct MailAttachment: Sendable, Equatable {
    public var name: String
    public var contentType: String
    public var data: [UInt8]
    public var size: Int { data.count }
}

/// Why a message cannot be imported: it goes to quarantine with this reason.
public enum MailParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case notMail
    case noSender
    case tooLarge(bytes: Int, limit: Int)

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .notMail: "no mail headers: this is not a mail message"
        case .noSender: "no usable From address: nobody to answer"
        case .tooLarge(let b, let l): "the message is \(b / 1_048_576) MB, over the \(l / 1_048_576) MB limit"
        }
    }
}

/// An incoming mail as desk uses it: who, threading ids, subject, date, the new text and the
/// quoted history apart, attachments, and whether a machine sent it. Parsed by hand (no listed
/// Swift package parses MIME; see docs/intake.md).
public struct InboundMail: Sendable {
    public var messageId: String?
    public var inReplyTo: [String] = []
    public var references: [String] = []
    public var from: MailAddress
    public var to: [MailAddress] = []
    public var cc: [MailAddress] = []
    /// The address it was delivered to (Delivered-To, X-Original-To, else the first To): routing reads it.
    public var recipient: MailAddress?
    public var subject: String
    public var date: Date?
    /// What the sender wrote now; the quoted history (folded in the console) apart.
    public var text: String
    public var quoted: String?
    public var attachments: [MailAttachment] = []
    public var auto: AutoKind?
    /// SHA-256 of the raw message: the identity of a mail without a Message-ID.
    public var contentHash: String
    /// What the parser worked around (no closing boundary, an unknown charset …).
    public var notes: [String] = []
    /// A delivery status notification's findings (a bounce of a message desk sent), else nil.
    public var deliveryReport: DeliveryReport?

    public static let sizeLimit = 64 * 1_048_576

    public static func parse(_ bytes: [UInt8]) throws -> InboundMail {
        guard !bytes.isEmpty, bytes.contains(where: { !ByteLines.isSpace($0) }) else { throw MailParseError.empty }
        guard bytes.count <= sizeLimit else { throw MailParseError.tooLarge(bytes: bytes.count, limit: sizeLimit) }
        var budget = MIMEPart.Budget()
        let root = MIMEPart.parse(bytes, 0..<bytes.count, depth: 0, budget: &budget)
        let h = root.headers
        guard !h.fields.isEmpty, h["from"] != nil || h["sender"] != nil || h["subject"] != nil || h["message-id"] != nil
        else { throw MailParseError.notMail }
        let sender =
            MailAddress.list(h["from"]).first ?? MailAddress.list(h["sender"]).first ?? MailAddress.list(h["reply-to"]).first
        // A bounce may come from a bare "MAILER-DAEMON": it is read before the sender is required.
        let candidate = DeliveryReport.isCandidate(h, type: root.type)
        guard sender != nil || candidate else { throw MailParseError.noSender }
        let subject = EncodedWords.decode(h["subject"] ?? "").trimmed
        var texts: [String] = []
        var htmls: [String] = []
        var attachments: [MailAttachment] = []
        collect(root, bytes, texts: &texts, htmls: &htmls, attachments: &attachments, notes: &budget.notes)
        let body = texts.isEmpty ? htmls.map(HTMLText.text).joined(separator: "\n\n") : texts.joined(separator: "\n\n")
        let normalised = body.unixNewlines
        let report =
            candidate ? DeliveryReport.read(root, bytes, headers: h, subject: subject, body: normalised) : nil
        guard let from = sender ?? (report == nil ? nil : DeliveryReport.anonymousSender) else {
            throw MailParseError.noSender
        }
        let (new, quoted) = QuotedHistory.split(normalised)
        let ownId = MessageIDs.list(h["message-id"]).first
        var mail = InboundMail(
            messageId: ownId,
            inReplyTo: MessageIDs.list(h["in-reply-to"]).filter { $0 != ownId },
            references: MessageIDs.list(h["references"]).filter { $0 != ownId },
            from: from, to: MailAddress.list(h["to"]), cc: MailAddress.list(h["cc"]),
            recipient: MailAddress.list(h["delivered-to"] ?? h["x-original-to"] ?? h["to"]).first,
            subject: subject, date: MailDate.parse(h["date"]), text: new, quoted: quoted, attachments: attachments,
            auto: report == nil ? AutoReply.kind(h, contentType: root.type.value, subject: subject) : .bounce,
            contentHash: TransferEncoding.hexString(SHA256.hash(data: bytes)),
            notes: budget.notes)
        mail.deliveryReport = report
        mail.replaceNUL()
        return mail
    }

    /// Every text with its NUL characters replaced by U+FFFD, and said in `notes`. desk stores no
    /// NUL (`StoredText`), but a customer's mail is never refused or cut for one.
    mutating func replaceNUL() {
        var count = 0
        func fix(_ s: inout String) {
            let r = StoredText.replacingNUL(s)
            if r.count > 0 {
                s = r.text
                count += r.count
            }
        }
        func fix(_ a: inout MailAddress) {
            fix(&a.address)
            if var n = a.name {
                fix(&n)
                a.name = n
            }
        }
        fix(&subject)
        fix(&text)
        if var q = quoted {
            fix(&q)
            quoted = q
        }
        fix(&from)
        for i in to.indices { fix(&to[i]) }
        for i in cc.indices { fix(&cc[i]) }
        if var r = recipient {
            fix(&r)
            recipient = r
        }
        if var id = messageId {
            fix(&id)
            messageId = id
        }
        for i in inReplyTo.indices { fix(&inReplyTo[i]) }
        for i in references.indices { fix(&references[i]) }
        for i in attachments.indices {
            fix(&attachments[i].name)
            fix(&attachments[i].contentType)
        }
        if count > 0 { notes.append("\(count) NUL character\(count == 1 ? "" : "s") replaced by U+FFFD") }
    }

    /// Walks the tree: the readable text (plain preferred within an alternative) and the files.
    static func collect(
        _ part: MIMEPart, _ bytes: [UInt8], texts: inout [String], htmls: inout [String], attachments: inout [MailAttachment],
        notes: inout [String]
    ) {
        let type = part.type.value
        if type == "multipart/alternative" {
            let choice =
                part.children.last { $0.type.value == "text/plain" && !$0.isAttachment }
                ?? part.children.last { $0.type.value.hasPrefix("multipart/") }
                ?? part.children.last { $0.type.value == "text/html" && !$0.isAttachment }
                ?? part.children.first
            if let choice { collect(choice, bytes, texts: &texts, htmls: &htmls, attachments: &attachments, notes: &notes) }
            return
        }
        if type.hasPrefix("multipart/") {
            for child in part.children {
                collect(child, bytes, texts: &texts, htmls: &htmls, attachments: &attachments, notes: &notes)
            }
            return
        }
        if part.isAttachment {
            let name = part.fileName ?? defaultName(type, index: attachments.count + 1)
            attachments.append(MailAttachment(name: name, contentType: type, data: part.content(bytes)))
            return
        }
        let charset = part.type["charset"]
        if let c = charset, !Charsets.isKnown(c) { notes.append("unknown charset \(c): read as UTF-8 or Windows-1252") }
        var repair: Charsets.Repair?
        let text = Charsets.decode(part.content(bytes), charset: charset, repair: &repair)
        if let repair { notes.append("\(type) part: \(repair.note)") }
        if type == "text/html" {
            // Beside plain text (an alternative lost its wrapper) HTML adds nothing readable.
            htmls.append(text)
        } else {
            texts.append(text)
        }
    }

    static func defaultName(_ type: String, index: Int) -> String {
        let ext: String =
            switch type {
            case "message/rfc822": "eml"
            case "image/png": "png"
            case "image/jpeg": "jpg"
            case "image/gif": "gif"
            case "application/pdf": "pdf"
            case "text/calendar": "ics"
            default: "bin"
            }
        return "attachment-\(index).\(ext)"
    }
}
