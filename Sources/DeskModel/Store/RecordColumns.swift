import Foundation
import GRDB

// The hot records map their columns by hand. Through Codable, GRDB's record encoder and decoder
// cost a fifth of every write (a ticket is encoded twice per save to find what changed); these
// do the same mapping directly. Dates are whole seconds since 1970, as EpochDatedRecord says.

/// A record written through cached statements with its columns listed once: GRDB's generic
/// insert and `updateChanges` rebuild their SQL and column dictionaries on every call, which
/// cost as much as the statements themselves in the import (docs/architecture.md).
protocol ColumnMapped: MutablePersistableRecord {
    /// Every column but `id`.
    static var columns: [String] { get }
    /// `makeInsertSQL()`, kept in a static so it is built once.
    static var insertSQL: String { get }
    var id: Int64? { get set }
    /// The values of `columns`, in their order (bound directly: `DirectBinding.swift`).
    var values: [DatabaseValue] { get }
}

extension ColumnMapped {
    static func makeInsertSQL() -> String {
        let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(databaseTableName) (\(names)) VALUES (\(marks))"
    }

    func encodeColumns(to container: inout PersistenceContainer) {
        container["id"] = id
        for (column, value) in zip(Self.columns, values) { container[column] = value }
    }

    /// Inserts the row (without its id) and takes the id SQLite gave it.
    mutating func insertRow(_ db: Database) throws {
        let values = values
        for (column, value) in zip(Self.columns, values) { try Self.checkText(value, column: column) }
        try db.cachedStatement(sql: Self.insertSQL).executeDirect(values)
        id = db.lastInsertedRowID
    }

    /// Behind the service's own checks (which name the text better): no text reaches these
    /// tables with a NUL, which the C-string binding would cut off silently (`StoredText`).
    static func checkText(_ value: DatabaseValue, column: String) throws {
        if case .string(let text) = value.storage {
            try StoredText.validate(text, field: "\(databaseTableName).\(column)")
        }
    }

    /// Writes the columns whose values differ from `old`'s; nothing when none do.
    func updateRow(_ db: Database, from old: Self) throws {
        let now = values, before = old.values
        var assignments: [String] = []
        var arguments: [DatabaseValue] = []
        for i in now.indices where now[i] != before[i] {
            try Self.checkText(now[i], column: Self.columns[i])
            assignments.append("\"\(Self.columns[i])\" = ?")
            arguments.append(now[i])
        }
        guard !assignments.isEmpty else { return }
        arguments.append(id.databaseValue)
        let sql = "UPDATE \(Self.databaseTableName) SET \(assignments.joined(separator: ", ")) WHERE id = ?"
        try db.cachedStatement(sql: sql).executeDirect(arguments)
    }
}

extension TicketStatus: DatabaseValueConvertible {}
extension TicketPriority: DatabaseValueConvertible {}
extension Channel: DatabaseValueConvertible {}
extension AuthorKind: DatabaseValueConvertible {}
extension Visibility: DatabaseValueConvertible {}
extension SLAKind: DatabaseValueConvertible {}
extension Impact: DatabaseValueConvertible {}
extension Workaround: DatabaseValueConvertible {}
extension Severity: DatabaseValueConvertible {}
extension AutoKind: DatabaseValueConvertible {}
extension TriggerKind: DatabaseValueConvertible {}
extension CustomerTier: DatabaseValueConvertible {}

extension Row {
    /// A date column (seconds since 1970), nil when NULL.
    func date(_ column: String) -> Date? {
        (self[column] as Double?).map { Date(timeIntervalSince1970: $0) }
    }

    /// A column that must hold one of the enum's values: a stray text is an error, not a crash.
    func value<T: DatabaseValueConvertible>(_ column: String) throws -> T {
        let dbValue: DatabaseValue = self[column]
        guard let value = T.fromDatabaseValue(dbValue) else {
            throw DatabaseError(message: "column \(column): unexpected value \(dbValue)")
        }
        return value
    }
}

extension Ticket: ColumnMapped {
    public init(row: Row) throws {
        self.init(
            id: row["id"], subject: row["subject"], status: try row.value("status"), priority: try row.value("priority"),
            channel: try row.value("channel"), customerId: row["customerId"], createdAt: row.date("createdAt") ?? .distantPast)
        productArea = row["productArea"]
        tags = row["tags"]
        branchId = row["branchId"]
        assigneeId = row["assigneeId"]
        version = row["version"]
        updatedAt = row.date("updatedAt") ?? createdAt
        solvedAt = row.date("solvedAt")
        closedAt = row.date("closedAt")
        routedBy = row["routedBy"]
        recipient = row["recipient"]
        language = row["language"]
        mergedIntoId = row["mergedIntoId"]
        slaPolicy = row["slaPolicy"]
        slaDueAt = row.date("slaDueAt")
        slaWarnAt = row.date("slaWarnAt")
        slaPaused = row["slaPaused"]
        slaDueTarget = row["slaDueTarget"]
        impact = row["impact"]
        workaround = row["workaround"]
        severity = row["severity"]
        severityRule = row["severityRule"]
        severityOverride = row["severityOverride"]
        fields = row["fields"]
    }

    static let columns = [
        "subject", "status", "priority", "channel", "productArea", "tags", "branchId", "assigneeId", "customerId", "version",
        "createdAt", "updatedAt", "solvedAt", "closedAt", "routedBy", "recipient", "language", "mergedIntoId", "slaPolicy",
        "slaDueAt", "slaWarnAt", "slaPaused", "slaDueTarget", "impact", "workaround", "severity", "severityRule",
        "severityOverride", "fields",
    ]
    /// Columns of `tickets` the record does not carry: the trigger sweep's schedule, written by the
    /// write path's and the sweep's own statements (`Desk.scheduleCheck`); an insert leaves it at
    /// its default, due at once.
    static let scheduleColumns = ["checkAt"]
    static let insertSQL = makeInsertSQL()

    /// The values of `columns`, in their order.
    var values: [DatabaseValue] {
        [
            subject.databaseValue,
            status.databaseValue,
            priority.databaseValue,
            channel.databaseValue,
            productArea.databaseValue,
            tags.databaseValue,
            branchId.databaseValue,
            assigneeId.databaseValue,
            customerId.databaseValue,
            version.databaseValue,
            createdAt.dbSeconds.databaseValue,
            updatedAt.dbSeconds.databaseValue,
            (solvedAt?.dbSeconds).databaseValue,
            (closedAt?.dbSeconds).databaseValue,
            routedBy.databaseValue,
            recipient.databaseValue,
            language.databaseValue,
            mergedIntoId.databaseValue,
            slaPolicy.databaseValue,
            (slaDueAt?.dbSeconds).databaseValue,
            (slaWarnAt?.dbSeconds).databaseValue,
            slaPaused.databaseValue,
            slaDueTarget.databaseValue,
            impact.databaseValue,
            workaround.databaseValue,
            severity.databaseValue,
            severityRule.databaseValue,
            severityOverride.databaseValue,
            fields.databaseValue,
        ]
    }

    public func encode(to container: inout PersistenceContainer) throws { encodeColumns(to: &container) }
}

extension Message: ColumnMapped {
    public init(row: Row) throws {
        self.init(
            id: row["id"], ticketId: row["ticketId"], authorKind: try row.value("authorKind"), agentId: row["agentId"],
            customerId: row["customerId"], visibility: try row.value("visibility"), channel: try row.value("channel"),
            body: row["body"], messageIdHeader: row["messageIdHeader"], inReplyTo: row["inReplyTo"],
            references: row["references"], createdAt: row.date("createdAt") ?? .distantPast)
        repro = row["repro"]
        quoted = row["quoted"]
        auto = row["auto"]
        contentHash = row["contentHash"]
        meta = row["meta"]
    }

    static let columns = [
        "ticketId", "authorKind", "agentId", "customerId", "visibility", "channel", "body", "messageIdHeader", "inReplyTo",
        "references", "createdAt", "repro", "quoted", "auto", "contentHash", "meta",
    ]
    static let insertSQL = makeInsertSQL()

    /// The values of `columns`, in their order.
    var values: [DatabaseValue] {
        [
            ticketId.databaseValue,
            authorKind.databaseValue,
            agentId.databaseValue,
            customerId.databaseValue,
            visibility.databaseValue,
            channel.databaseValue,
            body.databaseValue,
            messageIdHeader.databaseValue,
            inReplyTo.databaseValue,
            references.databaseValue,
            createdAt.dbSeconds.databaseValue,
            repro.databaseValue,
            quoted.databaseValue,
            auto.databaseValue,
            contentHash.databaseValue,
            meta.databaseValue,
        ]
    }

    public func encode(to container: inout PersistenceContainer) throws { encodeColumns(to: &container) }
}

extension TicketEvent: ColumnMapped {
    public init(row: Row) throws {
        id = row["id"]
        ticketId = row["ticketId"]
        actorId = row["actorId"]
        kind = row["kind"]
        data = row["data"]
        createdAt = row.date("createdAt") ?? .distantPast
        ticketVersion = row["ticketVersion"]
    }

    static let columns = ["ticketId", "actorId", "kind", "data", "createdAt", "ticketVersion"]
    static let insertSQL = makeInsertSQL()

    /// The values of `columns`, in their order.
    var values: [DatabaseValue] {
        [
            ticketId.databaseValue,
            actorId.databaseValue,
            kind.databaseValue,
            data.databaseValue,
            createdAt.dbSeconds.databaseValue,
            ticketVersion.databaseValue,
        ]
    }

    public func encode(to container: inout PersistenceContainer) throws { encodeColumns(to: &container) }
}

extension TriggerRecord {
    /// Read with every write (the ticket's active triggers): by hand, not through Codable.
    public init(row: Row) throws {
        id = row["id"]
        ticketId = row["ticketId"]
        kind = try row.value("kind")
        reason = row["reason"]
        source = row["source"]
        firedAt = row["firedAt"]
        actedAt = row["actedAt"]
        clearedAt = row["clearedAt"]
    }
}
