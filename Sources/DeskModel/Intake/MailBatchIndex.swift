import GRDB

/// What importing a mail looks up — whether its Message-ID or bytes are stored, the tickets of
/// the messages it replies to, a stored reply that named it, its sender — read for a whole batch
/// in one query each, and kept current as the batch stores mail. One lookup per question per
/// mail was a fifth of the import's statements.
///
/// Each answer is `nil` when the key was not read up front: the caller then asks the database,
/// which sees this transaction's writes, so an answer can be missing but never wrong. Only the
/// all-at-once pass uses one: in the item-by-item pass a savepoint rolled back would leave
/// entries for rows that no longer exist.
final class MailBatchIndex {
    private var ticketOfMessageId: [String: Int64?] = [:]
    private var ticketOfHash: [String: Int64?] = [:]
    /// A mail's own Message-ID → the ticket of the first stored message that referenced it.
    private var ticketOfReferrer: [String: Int64?] = [:]
    /// By address, ASCII case folded as the column's NOCASE collation folds it.
    private var customerOfEmail: [String: Customer?] = [:]

    /// What the run's earlier batches learned about tickets, if the importer keeps a memo.
    private(set) var memo: ImportMemo?

    static func load(_ db: Database, _ mails: [InboundMail], memo: ImportMemo? = nil) throws -> MailBatchIndex {
        let index = MailBatchIndex()
        index.memo = memo
        // Every id a mail names: its own (duplicates), In-Reply-To and References (threading, and
        // which references need a row in message_refs: only those not stored as messages).
        let own = Set(mails.compactMap(\.messageId))
        var ids = own.union(mails.flatMap { $0.inReplyTo + $0.references })
        if let memo {
            // What this run stored earlier needs no query (the memo is valid: nobody else wrote).
            for id in ids { if let t = memo.messageTickets[id] { index.ticketOfMessageId[id] = .some(t) } }
            ids = ids.filter { memo.messageTickets[$0] == nil }
        }
        for id in ids { index.ticketOfMessageId[id] = .some(nil) }
        try fetch(db, "SELECT messageIdHeader, ticketId FROM messages WHERE messageIdHeader IN", ids) { row in
            index.ticketOfMessageId[row[0]] = .some(row[1])
        }
        let hashes = Set(mails.map(\.contentHash))
        for hash in hashes { index.ticketOfHash[hash] = .some(nil) }
        try fetch(db, "SELECT contentHash, ticketId FROM messages WHERE contentHash IN", hashes) { row in
            index.ticketOfHash[row[0]] = .some(row[1])
        }
        // Whether a stored reply named a mail matters when its own headers do not find a stored
        // parent: its own id (a reply came first) and the ids it names that are not stored (a
        // sibling came first).
        let unthreaded = Set(mails.filter { $0.inReplyTo.isEmpty && $0.references.isEmpty }.compactMap(\.messageId))
        let missing = Set(mails.flatMap { $0.inReplyTo + $0.references }.filter { index.ticketOfMessageId[$0] == .some(nil) })
        let named = unthreaded.union(missing)
        for id in named { index.ticketOfReferrer[id] = .some(nil) }
        // In the order the refs were stored: the first one wins, as `LIMIT 1` on the ref index does.
        try fetch(
            db, "SELECT r.ref, m.ticketId FROM message_refs r JOIN messages m ON m.id = r.messageId WHERE r.ref IN", named,
            orderBy: "r.rowid"
        ) { row in
            let ref: String = row[0]
            if index.ticketOfReferrer[ref] == .some(nil) { index.ticketOfReferrer[ref] = .some(row[1]) }
        }
        let emails = Set(mails.map { $0.from.address.asciiFolded })
        var unknown: Set<String> = []
        for email in emails {
            let remembered = memo?.customers[email]
            index.customerOfEmail[email] = .some(remembered)
            if remembered == nil { unknown.insert(email) }
        }
        try fetch(db, "SELECT * FROM customers WHERE email IN", unknown) { row in
            let customer = try Customer(row: row)
            index.customerOfEmail[customer.email.asciiFolded] = .some(customer)
            memo?.stored(customer)
        }
        return index
    }

    /// Runs `select … IN (keys)` with the keys bound as one JSON array (`json_each`): one cached
    /// statement however many keys, where a placeholder per key made SQLite parse a statement
    /// thousands of parameters long for every batch.
    private static func fetch(
        _ db: Database, _ select: String, _ keys: Set<String>, orderBy: String? = nil, _ body: (Row) throws -> Void
    ) throws {
        guard !keys.isEmpty else { return }
        let sql = select + " (SELECT value FROM json_each(?))" + (orderBy.map { " ORDER BY " + $0 } ?? "")
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: [JSONObjectText.array(Array(keys))])
        while let row = try rows.next() { try body(row) }
    }

    /// The ticket of the stored message with this Message-ID: `.some(nil)` when none is stored.
    func ticket(ofMessage id: String) -> Int64?? { ticketOfMessageId[id] }

    /// Whether a message with this Message-ID is known to be stored.
    func isStored(messageId id: String) -> Bool { ticketOfMessageId[id].map { $0 != nil } ?? false }

    /// The ticket of the stored message with these bytes: `.some(nil)` when none is stored.
    func ticket(ofHash hash: String) -> Int64?? { ticketOfHash[hash] }

    /// The ticket of the first stored message that named `id` among its references.
    func ticket(referring id: String) -> Int64?? { ticketOfReferrer[id] }

    /// The customer with this address: `.some(nil)` when there is none.
    func customer(email: String) -> Customer?? { customerOfEmail[email.asciiFolded] }

    /// A message this batch stored, with the ids it referenced.
    func stored(_ message: Message, references: Set<String>) {
        if let id = message.messageIdHeader {
            if ticketOfMessageId[id] != nil { ticketOfMessageId[id] = .some(message.ticketId) }
            memo?.stored(messageId: id, ticket: message.ticketId)
        }
        if let hash = message.contentHash, ticketOfHash[hash] != nil { ticketOfHash[hash] = .some(message.ticketId) }
        for ref in references where ticketOfReferrer[ref] == .some(nil) { ticketOfReferrer[ref] = .some(message.ticketId) }
    }

    /// A customer this batch created or renamed.
    func stored(_ customer: Customer) {
        customerOfEmail[customer.email.asciiFolded] = .some(customer)
        memo?.stored(customer)
    }
}
