import Foundation
import GRDB

extension SLAFacts {
    /// The events that move the status of the tickets `tickets` (SQL giving ids) selects, with
    /// the status they moved it to, by ticket then in order; rows as `Builder.addEvent` reads them.
    static func statusEventsSQL(tickets: String) -> String {
        """
        SELECT ticketId, kind, json_extract(data, '$.after'), createdAt FROM events
        WHERE ticketId IN (\(tickets))
          AND kind IN (\(statusEventKinds.map { "'\($0)'" }.joined(separator: ",")))
        ORDER BY ticketId, id
        """
    }

    /// The kinds of event that may move a ticket's status (their data's `after`).
    static let statusEventKinds = ["ticket.status", "message.customer", "message.reply", "ticket.merged", "ticket.merged-in"]

    /// Those tickets' public customer and agent messages, by ticket then time; rows as
    /// `Builder.addMessage` reads them.
    static func publicMessagesSQL(tickets: String) -> String {
        """
        SELECT ticketId, createdAt, authorKind = 'customer' FROM messages
        WHERE ticketId IN (\(tickets)) AND visibility = 'public' AND authorKind IN ('customer','agent') AND auto IS NULL
        ORDER BY ticketId, createdAt, id
        """
    }

    /// A ticket's SLA facts from its events (status changes) and public messages.
    /// `current` is the status the ticket has in the write being made, which may not be recorded yet.
    static func load(_ db: Database, ticket: Ticket, current: TicketStatus? = nil) throws -> SLAFacts {
        try loadBuilder(db, ticket: ticket).facts(current: current, updatedAt: ticket.updatedAt.dbSeconds)
    }

    /// The stored events and messages `load` reads, before the write's own status is added.
    static func loadBuilder(_ db: Database, ticket: Ticket) throws -> Builder {
        let id = ticket.id ?? 0
        let events = try Row.fetchCursor(db.cachedStatement(sql: statusEventsSQL(tickets: "?")), arguments: [id])
        let messages = try Row.fetchCursor(db.cachedStatement(sql: publicMessagesSQL(tickets: "?")), arguments: [id])
        var builder = Builder(createdAt: ticket.createdAt.dbSeconds)
        while let r = try events.next() { builder.addEvent(r) }
        while let r = try messages.next() { builder.addMessage(r) }
        return builder
    }

    /// Facts for the unsolved tickets with ids in `ids`, in one pass over their events and
    /// messages (ordered by ticket) instead of two queries per ticket: what re-evaluating a whole
    /// corpus after a policy change needs.
    static func forEachOpenTicket(
        _ db: Database, ids: Range<Int64>, _ body: (SLASubject, SLAFacts) throws -> Void
    ) throws {
        try forEachOpenTicket(db, TicketSet(ids), body)
    }

    /// The same for a set of tickets (a range of ids or a list).
    static func forEachOpenTicket(
        _ db: Database, _ set: TicketSet, _ body: (SLASubject, SLAFacts) throws -> Void
    ) throws {
        let open = "SELECT id FROM tickets WHERE status NOT IN ('solved','closed') AND \(set.condition("id"))"
        let subjects = try SLASubject.fetchAll(
            db,
            sql: """
                SELECT t.id, t.status, t.priority, t.channel, t.createdAt, t.updatedAt, c.tier, b.name,
                       t.slaPolicy, t.slaDueAt, t.slaWarnAt, t.slaPaused, t.slaDueTarget
                FROM tickets t JOIN customers c ON c.id = t.customerId LEFT JOIN branches b ON b.id = t.branchId
                WHERE t.status NOT IN ('solved','closed') AND \(set.condition("t.id")) ORDER BY t.id
                """, arguments: set.arguments)
        var events = try PeekingRows(Row.fetchCursor(db, sql: statusEventsSQL(tickets: open), arguments: set.arguments))
        var messages = try PeekingRows(Row.fetchCursor(db, sql: publicMessagesSQL(tickets: open), arguments: set.arguments))
        for subject in subjects {
            var builder = Builder(createdAt: subject.createdAt)
            while let r = try events.next(ifTicket: subject.id) { builder.addEvent(r) }
            while let r = try messages.next(ifTicket: subject.id) { builder.addMessage(r) }
            try body(subject, builder.facts(current: subject.status, updatedAt: subject.updatedAt))
        }
    }

    /// Turns event and message rows (columns as selected above) into facts.
    struct Builder {
        var createdAt: Int64
        var statuses: [StatusChange]
        var messages: [PublicMessage] = []

        init(createdAt: Int64) {
            self.createdAt = createdAt
            statuses = [StatusChange(at: createdAt, status: .new)]
        }

        /// Row: ticketId, kind, the status after, createdAt.
        mutating func addEvent(_ r: Row) { addEvent(kind: r[1], after: r[2], at: r[3]) }

        /// An event as stored after the ones already added (events are read in id order).
        mutating func addEvent(kind: String, after text: String?, at: Int64) {
            let after = text.flatMap(TicketStatus.init(rawValue:)) ?? (kind == "ticket.merged" ? .closed : nil)
            if let after, after != statuses.last?.status { statuses.append(StatusChange(at: at, status: after)) }
        }

        /// A write's own event, as the next `load` would read it back (`data`: its fields, when
        /// the caller has them; otherwise they are decoded for the kinds that count).
        mutating func addEvent(_ e: TicketEvent, data: [String: String]? = nil) {
            guard SLAFacts.statusEventKinds.contains(e.kind) else { return }
            addEvent(kind: e.kind, after: (data ?? e.fields)["after"], at: e.createdAt.dbSeconds)
        }

        /// Row: ticketId, createdAt, from the customer.
        mutating func addMessage(_ r: Row) { messages.append(PublicMessage(at: r[1], fromCustomer: r[2])) }

        /// A message just stored, where `load` would order it (by time, then id: after its equals),
        /// if it is one SLA counts (public, from a customer or an agent, not a machine's).
        mutating func addMessage(_ m: Message) {
            guard m.visibility == .public, m.authorKind == .customer || m.authorKind == .agent, m.auto == nil else { return }
            let at = m.createdAt.dbSeconds
            let slot = messages.lastIndex { $0.at <= at }.map { $0 + 1 } ?? 0
            messages.insert(PublicMessage(at: at, fromCustomer: m.authorKind == .customer), at: slot)
        }

        func facts(current: TicketStatus?, updatedAt: Int64) -> SLAFacts {
            var statuses = statuses
            if let current, current != statuses.last?.status {
                statuses.append(StatusChange(at: max(statuses.last!.at, updatedAt), status: current))
            }
            return SLAFacts(createdAt: createdAt, statuses: statuses, messages: messages)
        }
    }
}

/// What SLA needs of an unsolved ticket, and its derived columns as stored.
struct SLASubject: FetchableRecord {
    var id: Int64
    var status: TicketStatus
    var priority: TicketPriority
    var channel: Channel
    var createdAt: Int64
    var updatedAt: Int64
    var tier: CustomerTier
    var branch: String?
    var columns: StoredSLA

    /// By position, in the column order of `forEachOpenTicket`'s query.
    init(row: Row) throws {
        id = row[0]
        status = TicketStatus(rawValue: row[1]) ?? .open
        priority = TicketPriority(rawValue: row[2]) ?? .normal
        channel = Channel(rawValue: row[3]) ?? .email
        createdAt = row[4]; updatedAt = row[5]
        tier = CustomerTier(rawValue: row[6]) ?? .standard
        branch = row[7]
        columns = StoredSLA(row: row, from: 8)
    }
}

/// Rows ordered by ticket id (column 0), taken one ticket at a time.
private struct PeekingRows {
    var cursor: RowCursor
    var peeked: Row?

    init(_ cursor: RowCursor) throws {
        self.cursor = cursor
        peeked = try cursor.next()?.copy()
    }

    /// The next row if it belongs to `ticket`; rows of tickets before it are skipped.
    mutating func next(ifTicket ticket: Int64) throws -> Row? {
        while let row = peeked, (row[0] as Int64) < ticket { peeked = try cursor.next()?.copy() }
        guard let row = peeked, (row[0] as Int64) == ticket else { return nil }
        peeked = try cursor.next()?.copy()
        return row
    }
}

/// Which tickets a pass over many reads: a range of ids (a whole corpus, chunk by chunk) or the
/// ids due for the sweep. `condition` names the id column; `?1` (and `?2`) are its arguments.
struct TicketSet {
    let condition: (String) -> String
    let arguments: StatementArguments

    init(_ ids: Range<Int64>) {
        condition = { "\($0) >= ?1 AND \($0) < ?2" }
        arguments = [ids.lowerBound, ids.upperBound]
    }

    /// As a JSON array: one argument however many ids.
    init(_ ids: [Int64]) {
        condition = { "\($0) IN (SELECT value FROM json_each(?1))" }
        arguments = ["[" + ids.map(String.init).joined(separator: ",") + "]"]
    }
}
