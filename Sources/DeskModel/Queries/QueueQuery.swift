import Foundation
import GRDB

/// Which tickets a queue shows.
public enum QueueView: String, CaseIterable, Sendable, Codable {
    /// Everything not solved or closed.
    case open
    /// Open tickets assigned to the current agent.
    case mine
    /// Open tickets nobody owns yet.
    case unassigned
    /// Every ticket, closed ones included.
    case all

    public var title: String {
        switch self {
        case .open: "Open"
        case .mine: "Mine"
        case .unassigned: "Unassigned"
        case .all: "All"
        }
    }
}

/// The order of a queue.
public enum QueueSort: String, CaseIterable, Sendable, Codable {
    /// Latest activity first.
    case activity
    /// Nearest SLA deadline first (breached ones, most overdue, at the top); tickets with no
    /// running deadline last.
    case sla

    public var title: String { self == .activity ? "latest activity" : "SLA" }

    /// The row's position in this order (with its id as the tie-break).
    public func key(_ row: QueueRow) -> Int64 {
        switch self {
        case .activity: row.updatedAt
        case .sla: row.sla.dueAt ?? Int64.max
        }
    }

    /// ORDER BY terms in this order, or reversed.
    func orderBy(reversed: Bool) -> String {
        switch (self, reversed) {
        case (.activity, false): "t.updatedAt DESC, t.id DESC"
        case (.activity, true): "t.updatedAt ASC, t.id ASC"
        case (.sla, false): "t.slaRank ASC, t.id ASC"
        case (.sla, true): "t.slaRank DESC, t.id DESC"
        }
    }

    /// The keyset condition for rows after (or before) an anchor in this order.
    func keyset(after: Bool) -> String {
        let column = self == .activity ? "t.updatedAt" : "t.slaRank"
        let descending = self == .activity
        return " AND (\(column), t.id) \(after == descending ? "<" : ">") (?, ?)"
    }
}

/// One line of the queue, with names joined in so the screen never queries per row.
public struct QueueRow: Sendable, Equatable, Codable, FetchableRecord {
    public var id: Int64
    public var subject: String
    public var status: TicketStatus
    public var priority: TicketPriority
    public var channel: Channel
    public var customerName: String
    public var customerTier: CustomerTier
    public var assignee: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var sla: StoredSLA

    public init(
        id: Int64, subject: String, status: TicketStatus, priority: TicketPriority, channel: Channel,
        customerName: String, customerTier: CustomerTier, assignee: String?, createdAt: Int64, updatedAt: Int64,
        sla: StoredSLA = StoredSLA()
    ) {
        self.id = id; self.subject = subject; self.status = status; self.priority = priority; self.channel = channel
        self.customerName = customerName; self.customerTier = customerTier; self.assignee = assignee
        self.createdAt = createdAt; self.updatedAt = updatedAt; self.sla = sla
    }

    /// Decodes by position, in the column order of `QueueQuery.pageSQL` (faster than by name).
    public init(row: Row) throws {
        id = row[0]; subject = row[1]
        status = TicketStatus(rawValue: row[2]) ?? .open
        priority = TicketPriority(rawValue: row[3]) ?? .normal
        channel = Channel(rawValue: row[4]) ?? .email
        createdAt = row[5]; updatedAt = row[6]
        customerName = row[7]
        customerTier = CustomerTier(rawValue: row[8]) ?? .standard
        assignee = row[9]
        sla = StoredSLA(row: row, from: 10)
    }
}

/// A windowed query over the queue: counts, and fetches one page at a time.
public struct QueueQuery: Sendable, Equatable {
    public var view: QueueView
    public var filter: String
    /// The agent whose `mine` view this is.
    public var agentId: Int64?
    public var sort: QueueSort

    public init(view: QueueView = .open, filter: String = "", agentId: Int64? = nil, sort: QueueSort = .activity) {
        self.view = view; self.filter = filter; self.agentId = agentId; self.sort = sort
    }

    /// The WHERE clause and its arguments; shared by count and page so they always agree.
    func whereClause() -> (String, StatementArguments) {
        var parts: [String] = []
        var args = StatementArguments()
        switch view {
        case .open: parts.append("t.status NOT IN ('solved','closed')")
        case .mine:
            parts.append("t.status NOT IN ('solved','closed') AND t.assigneeId = ?")
            args += [agentId ?? -1]
        case .unassigned: parts.append("t.status NOT IN ('solved','closed') AND t.assigneeId IS NULL")
        case .all: break
        }
        let text = filter.trimmingCharacters(in: .whitespaces)
        if !text.isEmpty {
            let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
            if let id = Int64(digits) {
                parts.append("t.id = ?")
                args += [id]
            } else {
                // Customers match by word prefix of the name or prefix of the email: what people
                // type, and far more selective than a substring (one letter would match everyone).
                let prefix = text.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "%"
                // The unary + keeps SQLite from driving the query by these sets (then sorting every
                // match): walking the covering queue index in order stays cheap for broad and narrow filters.
                var alternatives = [
                    "+t.customerId IN (SELECT id FROM customers WHERE name LIKE ? OR name LIKE ? OR email LIKE ?)"
                ]
                var altArgs: StatementArguments = [prefix, "% " + prefix, prefix]
                if let match = Self.ftsQuery(text) {
                    alternatives.insert("+t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?)", at: 0)
                    altArgs = [match] + altArgs
                }
                parts.append("(" + alternatives.joined(separator: " OR ") + ")")
                args += altArgs
            }
        }
        return (parts.isEmpty ? "1" : parts.joined(separator: " AND "), args)
    }

    /// Each word becomes a quoted prefix term, so user text can never be FTS syntax.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " ")
    }

    /// A filtered queue is counted only up to this many rows: a one-letter filter can match most
    /// of the corpus, and counting all of it on every keystroke is what made typing slow.
    public static let filteredCountCap = 2_000

    /// The number of rows, or `filteredCountCap + 1` meaning "more than the cap" for filtered queues.
    /// Unfiltered views are summed from `queue_counts` (kept by triggers), never counted row by row.
    public func count(_ db: Database) throws -> Int {
        if filter.trimmingCharacters(in: .whitespaces).isEmpty {
            let (clause, args): (String, StatementArguments)
            switch view {
            case .open: (clause, args) = ("status NOT IN ('solved','closed')", [])
            case .mine: (clause, args) = ("status NOT IN ('solved','closed') AND assignee = ?", [agentId ?? -1])
            case .unassigned: (clause, args) = ("status NOT IN ('solved','closed') AND assignee = 0", [])
            case .all: (clause, args) = ("1", [])
            }
            let sql = "SELECT COALESCE(SUM(tickets), 0) FROM queue_counts WHERE \(clause)"
            return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: args) ?? 0
        }
        let (clause, args) = whereClause()
        let sql = "SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE \(clause) LIMIT \(Self.filteredCountCap + 1))"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: args) ?? 0
    }

    /// The SQL of one page, exposed so `desk bench` can run the very same text in the sqlite3 shell.
    /// LIMIT and OFFSET are the last two arguments, so the statement text stays the same while
    /// paging and SQLite's prepared statement is reused.
    public func pageSQL(offset: Int, limit: Int) -> (String, StatementArguments) {
        let (clause, args) = whereClause()
        return (pageSQL(clause: clause, extra: "", reversed: false), args + [limit, offset])
    }

    /// The page's ids come from the queue index alone (it covers the view's WHERE), so rows
    /// skipped by OFFSET cost an index step each, not a table and a customer lookup.
    func pageSQL(clause: String, extra: String, reversed: Bool) -> String {
        let order = sort.orderBy(reversed: reversed)
        return """
            SELECT t.id, t.subject, t.status, t.priority, t.channel, t.createdAt, t.updatedAt,
                   c.name AS customerName, c.tier AS customerTier, a.handle AS assignee,
                   t.slaPolicy, t.slaDueAt, t.slaWarnAt, t.slaPaused, t.slaDueTarget
            FROM (SELECT t.id FROM tickets t INDEXED BY \(pageIndex) WHERE \(clause)\(extra)
                  ORDER BY \(order) LIMIT ? OFFSET ?) page
            JOIN tickets t ON t.id = page.id
            JOIN customers c ON c.id = t.customerId
            LEFT JOIN agents a ON a.id = t.assigneeId
            ORDER BY \(order)
            """
    }

    /// The index a page walks, in the queue's order, named: with an index per order, SQLite's
    /// planner took the SLA index for the "mine" view in activity order and sorted every row.
    var pageIndex: String {
        switch (view, sort) {
        case (.mine, .activity), (.unassigned, .activity): "tickets_assignee_queue"
        case (.mine, .sla), (.unassigned, .sla): "tickets_assignee_sla_queue"
        case (_, .activity): "tickets_queue"
        case (_, .sla): "tickets_sla_queue"
        }
    }

    /// Rows `offset ..< offset + limit` in queue order (newest activity first).
    public func page(_ db: Database, offset: Int, limit: Int) throws -> [QueueRow] {
        let (sql, args) = pageSQL(offset: offset, limit: limit)
        return try QueueRow.fetchAll(db.cachedStatement(sql: sql), arguments: args)
    }

    /// One page found the cheapest way: next to a row already on screen (keyset, no matter how
    /// deep), from the end when that is nearer (so `G` does not walk the whole index), else by offset.
    public func page(_ db: Database, offset: Int, limit: Int, anchor: QueueAnchor?, total: Int?) throws -> [QueueRow] {
        let (clause, args) = whereClause()
        switch anchor {
        case .after(let key, let id)?:
            let sql = pageSQL(clause: clause, extra: sort.keyset(after: true), reversed: false)
            return try QueueRow.fetchAll(db.cachedStatement(sql: sql), arguments: args + [key, id, limit, 0])
        case .before(let key, let id)?:
            let sql = pageSQL(clause: clause, extra: sort.keyset(after: false), reversed: true)
            return try QueueRow.fetchAll(db.cachedStatement(sql: sql), arguments: args + [key, id, limit, 0]).reversed()
        case nil:
            if let total, offset > total / 2 {
                let fromEnd = max(0, total - offset - limit)
                let count = min(limit, total - offset)
                guard count > 0 else { return [] }
                let sql = pageSQL(clause: clause, extra: "", reversed: true)
                return try QueueRow.fetchAll(db.cachedStatement(sql: sql), arguments: args + [count, fromEnd]).reversed()
            }
            return try page(db, offset: offset, limit: limit)
        }
    }
}

/// A row already loaded that a new page starts right after (or ends right before), by its
/// sort key and id.
public enum QueueAnchor: Sendable, Equatable {
    case after(key: Int64, id: Int64)
    case before(key: Int64, id: Int64)

    public static func after(_ row: QueueRow, in query: QueueQuery) -> QueueAnchor {
        .after(key: query.sort.key(row), id: row.id)
    }

    public static func before(_ row: QueueRow, in query: QueueQuery) -> QueueAnchor {
        .before(key: query.sort.key(row), id: row.id)
    }
}
