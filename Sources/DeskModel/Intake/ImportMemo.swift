import GRDB

/// What a run of import transactions learned about the tickets it wrote, so that the next mail
/// to the same ticket need not read it back: the ticket's SLA facts (status events and public
/// messages), its active triggers, its open escalation, customer tier and branch. Reading those
/// for every threaded reply was about a fifth of importing it. Beside the tickets: the customers,
/// Message-IDs and branch ids the run met, and the branches with no available agent.
///
/// Valid only while nothing else writes. After each committed batch `seal` notes the writer
/// connection's state; the next transaction's `begin` forgets everything unless that state is
/// unchanged: no other connection committed (SQLite's `data_version`) and this connection made no
/// other change (its total changes count), so a trigger sweep or a console write in between
/// cannot leave a stale entry. An entry also serves only the ticket version and branch it was
/// made for (closing expired tickets at the start of a transaction bumps the version), and a
/// transaction that rolls back must `forget()` what it taught. One memo serves one run of one
/// importer (`MaildirFetcher.fetchOnce`), on the thread that writes.
final class ImportMemo {
    struct Entry {
        /// The row as stored (dates in whole seconds, as reading it back gives them).
        var ticket: Ticket
        var facts: SLAFacts.Builder
        var escalation: Desk.OpenEscalation?
        var triggers: [TriggerRecord]
        var tier: CustomerTier
        /// The name of `ticket.branchId`.
        var branch: String?
    }

    private var entries: [Int64: Entry] = [:]
    /// The ticket of each message this run stored, by Message-ID: replies name earlier mail, and
    /// the next batch need not ask the database about those ids.
    private(set) var messageTickets: [String: Int64] = [:]
    /// Customers this run read or wrote, by address ASCII case folded (`MailBatchIndex`).
    private(set) var customers: [String: Customer] = [:]
    /// Branch ids by name (branches change only by `syncBranches`, another write).
    var branchIds: [String: Int64] = [:]
    /// Branches with no available agent: automatic assignment has no one to pick there.
    var branchesWithoutAgents: Set<Int64> = []
    /// Messages the body of the current write stored (`Desk.applyChange` takes them).
    private var noted: [Message] = []
    /// The writer's `data_version` and total changes when the last batch committed.
    private var sealed: (dataVersion: Int, changes: Int)?

    /// Tickets remembered at most (a long `--watch` run starts over past this).
    static let limit = 50_000
    /// Message-IDs, and customers, remembered at most.
    static let lookupLimit = 200_000

    /// At the start of each import transaction: forgets all unless nothing was written since `seal`.
    func begin(_ db: Database) throws {
        let state = try Self.state(db)
        if let sealed, sealed == state, entries.count <= Self.limit {
            self.sealed = nil
            return
        }
        forget()
    }

    /// After a batch committed, on the writer connection outside a transaction.
    func seal(_ db: Database) throws {
        sealed = try Self.state(db)
    }

    /// What a rolled-back or interleaved transaction taught may not be true.
    func forget() {
        entries.removeAll(keepingCapacity: true)
        messageTickets.removeAll(keepingCapacity: true)
        customers.removeAll(keepingCapacity: true)
        branchIds.removeAll()
        branchesWithoutAgents.removeAll()
        noted.removeAll()
        sealed = nil
    }

    private static func state(_ db: Database) throws -> (dataVersion: Int, changes: Int) {
        (try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0, db.totalChangesCount)
    }

    /// How many tickets are remembered.
    var count: Int { entries.count }

    /// The entry for the ticket as just read, if it was made for this version and branch.
    func entry(for ticket: Ticket) -> Entry? {
        guard let id = ticket.id, let e = entries[id] else { return nil }
        guard e.ticket.version == ticket.version, e.ticket.branchId == ticket.branchId else {
            entries[id] = nil
            return nil
        }
        return e
    }

    /// The ticket's row as this run last stored it.
    func ticket(_ id: Int64) -> Ticket? { entries[id]?.ticket }

    /// What the ticket looks like after a write of this transaction.
    func remember(_ entry: Entry) {
        var e = entry
        e.ticket = entry.ticket.asStored
        entries[e.ticket.id!] = e
    }

    /// A message the current write's body stored.
    func note(_ message: Message) { noted.append(message) }

    /// The messages noted since the last call.
    func takeNotedMessages() -> [Message] {
        defer { noted.removeAll(keepingCapacity: true) }
        return noted
    }

    /// A message this run stored.
    func stored(messageId: String, ticket: Int64) {
        if messageTickets.count >= Self.lookupLimit { messageTickets.removeAll(keepingCapacity: true) }
        messageTickets[messageId] = ticket
    }

    /// A customer this run read or wrote.
    func stored(_ customer: Customer) {
        if customers.count >= Self.lookupLimit { customers.removeAll(keepingCapacity: true) }
        customers[customer.email.asciiFolded] = customer
    }
}
