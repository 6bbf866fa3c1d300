import Foundation
import GRDB

/// How an incoming message found its ticket.
public enum ThreadMatch: String, Sendable, Codable {
    case inReplyTo = "in-reply-to"
    case references
    /// A reply that arrived first named this message: it joins the reply's ticket.
    case laterParent = "reply-arrived-first"
    /// A stored mail named the same message, which desk never received (a sibling under a
    /// missing parent: JWZ's empty container).
    case sharedParent = "shared-missing-parent"
    case subjectTag = "subject-tag"
    case conversation
}

/// What happened to one incoming message.
public enum IntakeResult: Sendable, Equatable {
    case created(ticket: Int64)
    case threaded(ticket: Int64, via: ThreadMatch, reopened: Bool)
    case followUp(ticket: Int64, of: Int64)
    /// A machine's mail recorded on the ticket it belongs to (nothing else changes).
    case autoRecorded(ticket: Int64)
    /// A machine's mail that belongs to no ticket: never a ticket of its own.
    case autoIgnored(AutoKind)
    case duplicate(ticket: Int64?)
    /// A delivery report that a reply desk mailed failed: the reply is marked bounced on its ticket.
    case bounced(ticket: Int64, outbound: Int64)
    /// A delivery report that does not say failed (delayed, relayed …): recorded on the reply's ticket.
    case deliveryReport(ticket: Int64, outbound: Int64, action: DeliveryReport.Action)
    /// A delivery report about no message desk sent (its id, when it names one): no ticket.
    case unknownBounce(messageId: String?)
    /// Refused by the database (a value out of bounds): quarantined with the reason.
    case failed(String)

    public var ticket: Int64? {
        switch self {
        case .created(let t), .threaded(let t, _, _), .followUp(let t, _), .autoRecorded(let t): t
        case .duplicate(let t): t
        case .bounced(let t, _), .deliveryReport(let t, _, _): t
        case .autoIgnored, .unknownBounce, .failed: nil
        }
    }
}

extension Desk {
    /// Imports parsed mail in one transaction: a message the database refuses is reported as
    /// `.failed` and the others still land (`importEach`).
    public func importMail(_ mails: [InboundMail]) throws -> [IntakeResult] {
        // Parsed elsewhere: NULs become U+FFFD here too (`InboundMail.replaceNUL`), never a cut text.
        try importPrepared(
            mails.map { mail in
                var mail = mail
                mail.replaceNUL()
                return PreparedMail(mail)
            })
    }

    /// `memo`: what earlier batches of the same run learned (`ImportMemo`); the all-at-once pass
    /// uses and extends it, and a rolled-back pass makes it forget.
    func importPrepared(_ mails: [PreparedMail], memo: ImportMemo? = nil) throws -> [IntakeResult] {
        let results = try importEach(
            mails, failed: IntakeResult.failed,
            known: { db in
                try memo?.begin(db)
                return try MailBatchIndex.load(db, mails.map(\.mail), memo: memo)
            }, rolledBack: { memo?.forget() }
        ) { db, mail, now, known in try receive(db, mail, now: now, known: known) }
        if let memo { try db.writeWithoutTransaction { try memo.seal($0) } }
        return results
    }

    /// Raw mails, each under a name for the report: parsed, then imported in one transaction. A
    /// mail that cannot be read or stored comes back `.failed` with the reason; the rest land.
    public func importRaw(_ items: [(name: String, bytes: [UInt8])]) throws -> [IntakeResult] {
        try importParsed(prepare(items.map(\.bytes)))
    }

    /// Each mail parsed and prepared (`PreparedMail`), or why it could not be parsed. Reads no
    /// database: a fetcher prepares the next batch on another core while this one is imported.
    public func prepare(_ raw: [[UInt8]]) -> [Result<PreparedMail, MailParseError>] {
        raw.map { bytes in
            Result { PreparedMail(try InboundMail.parse(bytes), policy: policy) }.mapError { $0 as? MailParseError ?? .notMail }
        }
    }

    /// Imports what `prepare` returned; unreadable mail comes back `.failed` with the reason.
    public func importParsed(_ parsed: [Result<PreparedMail, MailParseError>]) throws -> [IntakeResult] {
        try importParsed(parsed, memo: nil)
    }

    func importParsed(_ parsed: [Result<PreparedMail, MailParseError>], memo: ImportMemo?) throws -> [IntakeResult] {
        var results = [IntakeResult?](repeating: nil, count: parsed.count)
        var mails: [PreparedMail] = []
        var slots: [Int] = []
        for (i, p) in parsed.enumerated() {
            switch p {
            case .success(let mail):
                mails.append(mail)
                slots.append(i)
            case .failure(let error):
                results[i] = .failed("\(error)")
            }
        }
        for (slot, result) in zip(slots, try importPrepared(mails, memo: memo)) { results[slot] = result }
        return results.map { $0 ?? .failed("not imported") }
    }

    /// One mail: deduplicated, threaded (In-Reply-To, References, a reply that came first, the
    /// subject's `[#N]`), else a new routed ticket; machines' mail never makes a ticket. `known`:
    /// the batch's lookups read up front (`MailBatchIndex`), kept current here.
    func receive(_ db: Database, _ prepared: PreparedMail, now: Date, known: MailBatchIndex? = nil) throws -> IntakeResult {
        let mail = prepared.mail
        if let existing = try duplicateTicket(db, mail, known: known) { return .duplicate(ticket: existing) }
        if let report = mail.deliveryReport { return try receiveReport(db, prepared, report, now: now, known: known) }
        let customer = try findOrCreateCustomer(
            db, email: mail.from.address, name: mail.from.name, actor: nil, now: now, known: known)
        var message = Message(
            ticketId: 0, authorKind: .customer, customerId: customer.id, visibility: .public, channel: .email,
            body: Self.messageBody(mail), messageIdHeader: mail.messageId,
            inReplyTo: mail.inReplyTo.first, references: mail.references.isEmpty ? nil : mail.references.joined(separator: " "),
            createdAt: min(mail.date ?? now, now))
        message.quoted = mail.quoted
        message.auto = mail.auto
        message.contentHash = mail.contentHash
        message.meta = prepared.meta
        let result: IntakeResult
        if let (ticket, via) = try threadTarget(db, mail, customer: customer, known: known) {
            let added = try addCustomerMessage(
                db, to: ticket, message, data: ["via": via.rawValue], now: now, current: true, memo: known?.memo)
            message = added.message
            if let old = added.followUpOf {
                result = .followUp(ticket: added.ticket.id!, of: old)
            } else if mail.auto != nil {
                result = .autoRecorded(ticket: added.ticket.id!)
            } else {
                result = .threaded(ticket: added.ticket.id!, via: via, reopened: added.reopened)
            }
        } else if let kind = mail.auto {
            return .autoIgnored(kind)
        } else {
            var first: Message? = message
            let ticket = try insertTicket(
                db,
                NewTicket(
                    customer: customer, subject: Self.ticketSubject(mail), channel: .email, recipient: mail.recipient?.address,
                    createdAt: message.createdAt, createdData: ["via": "email"], keywords: prepared.keywords),
                first: &first, by: nil, now: now, memo: known?.memo)
            message = first!
            result = .created(ticket: ticket.id!)
        }
        let refs = Set(mail.inReplyTo + mail.references)
        // A reference to a stored message is never looked up: a mail with that id is a duplicate.
        let unresolved = known.map { k in refs.filter { !k.isStored(messageId: $0) } } ?? refs
        try storeMailParts(db, message: message.id!, refs: unresolved, mail.attachments)
        known?.stored(message, references: refs)
        return result
    }

    /// The ticket a copy of this mail already went to (same Message-ID, or same bytes).
    func duplicateTicket(_ db: Database, _ mail: InboundMail, known: MailBatchIndex?) throws -> Int64? {
        if let id = mail.messageId, let t = try ticketOfMessage(db, id, known: known) { return t }
        if let answer = known?.ticket(ofHash: mail.contentHash) { return answer }
        return try db.cachedStatement(sql: "SELECT ticketId FROM messages WHERE contentHash = ?")
            .fetchInt64([mail.contentHash.databaseValue])
    }

    /// The ticket holding the message with this Message-ID (indexed).
    func ticketOfMessage(_ db: Database, _ messageId: String, known: MailBatchIndex?) throws -> Int64? {
        if let answer = known?.ticket(ofMessage: messageId) { return answer }
        return try db.cachedStatement(sql: "SELECT ticketId FROM messages WHERE messageIdHeader = ?")
            .fetchInt64([messageId.databaseValue])
    }

    /// The ticket of the first stored message that named `messageId` in its references.
    func ticketReferring(_ db: Database, to messageId: String, known: MailBatchIndex?) throws -> Int64? {
        if let answer = known?.ticket(referring: messageId) { return answer }
        return try db.cachedStatement(
            sql: "SELECT m.ticketId FROM message_refs r JOIN messages m ON m.id = r.messageId WHERE r.ref = ? LIMIT 1"
        ).fetchInt64([messageId.databaseValue])
    }

    /// Where a mail belongs, in the documented order (docs/intake.md): a stored parent, a stored
    /// reply that named this mail, a stored sibling under the same missing parent, the subject tag.
    /// Each step finds the same ticket whatever order the thread's mail arrives in.
    func threadTarget(
        _ db: Database, _ mail: InboundMail, customer: Customer, known: MailBatchIndex?
    ) throws -> (Ticket, ThreadMatch)? {
        for (ids, via) in [(mail.inReplyTo, ThreadMatch.inReplyTo), (mail.references.reversed(), .references)] {
            for id in ids {
                if let t = try ticketOfMessage(db, id, known: known), let ticket = try surviving(db, t, memo: known?.memo) {
                    return (ticket, via)
                }
            }
        }
        if let own = mail.messageId,
            let t = try ticketReferring(db, to: own, known: known),
            let ticket = try surviving(db, t, memo: known?.memo)
        {
            return (ticket, .laterParent)
        }
        // Only ids that are not stored messages are kept in message_refs, so this finds a mail
        // that named the same missing parent; the nearest parent first, as above.
        for id in mail.inReplyTo + mail.references.reversed() {
            if let t = try ticketReferring(db, to: id, known: known), let ticket = try surviving(db, t, memo: known?.memo) {
                return (ticket, .sharedParent)
            }
        }
        if let n = Self.subjectTag(mail.subject), let ticket = try surviving(db, n, memo: known?.memo) {
            // A tag only threads mail from the ticket's customer or their organisation: a subject is easy to forge.
            let owner = try Customer.fetchOne(db, key: ticket.customerId)
            if let owner,
                owner.id == customer.id || (owner.organizationId != nil && owner.organizationId == customer.organizationId)
            {
                return (ticket, .subjectTag)
            }
        }
        return nil
    }

    /// The ticket, or the one it was merged into (as an import's memo has it, else read).
    func surviving(_ db: Database, _ id: Int64, memo: ImportMemo? = nil) throws -> Ticket? {
        var ticket = try memo?.ticket(id) ?? Self.ticket(db, id)
        var hops = 0
        while let t = ticket, let into = t.mergedIntoId, hops < 10 {
            ticket = try memo?.ticket(into) ?? Self.ticket(db, into)
            hops += 1
        }
        return ticket
    }

    /// `[#123]` anywhere in a subject.
    static func subjectTag(_ subject: String) -> Int64? {
        let u = Array(subject.utf8)
        var i = 0
        while i + 2 < u.count {
            defer { i += 1 }
            guard u[i] == UInt8(ascii: "["), u[i + 1] == UInt8(ascii: "#") else { continue }
            var end = i + 2
            var n: Int64 = 0
            while end < u.count, end - i - 2 < 12, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(u[end]) {
                n = n * 10 + Int64(u[end] - UInt8(ascii: "0"))
                end += 1
            }
            if end > i + 2, end - i - 2 < 12, end < u.count, u[end] == UInt8(ascii: "]") { return n }
        }
        return nil
    }

    /// Threading ids (for replies that arrive before their parent: `refs` need only name
    /// messages not stored yet) and attachments.
    func storeMailParts(_ db: Database, message id: Int64, refs: Set<String>, _ attachments: [MailAttachment]) throws {
        let insertRef = try db.cachedStatement(sql: "INSERT INTO message_refs(messageId, ref) VALUES (?, ?)")
        for ref in refs { try insertRef.executeDirect([id.databaseValue, ref.databaseValue]) }
        let insertFile = try db.cachedStatement(
            sql: "INSERT INTO attachments(messageId, name, contentType, size, data) VALUES (?, ?, ?, ?, ?)")
        for a in attachments {
            try insertFile.execute(arguments: [id, String(a.name.prefix(255)), a.contentType, a.size, Data(a.data)])
        }
    }

    /// The subject of the ticket a mail opens.
    static func ticketSubject(_ mail: InboundMail) -> String {
        mail.subject.isEmpty ? "(no subject)" : String(mail.subject.prefix(500))
    }

    /// The text of the message a mail becomes.
    static func messageBody(_ mail: InboundMail) -> String {
        mail.text.isEmpty ? "(no text)" : mail.text
    }

    /// The sender and recipients, kept with the message (JSON).
    static func meta(_ mail: InboundMail) -> String {
        var m: [String: String] = ["from": mail.from.address]
        if let n = mail.from.name { m["fromName"] = n }
        if !mail.to.isEmpty { m["to"] = mail.to.map(\.address).joined(separator: ", ") }
        if !mail.cc.isEmpty { m["cc"] = mail.cc.map(\.address).joined(separator: ", ") }
        if !mail.subject.isEmpty { m["subject"] = String(mail.subject.prefix(500)) }
        if !mail.notes.isEmpty { m["parser"] = mail.notes.joined(separator: "; ") }
        return JSONObjectText.encode(m)
    }
}
