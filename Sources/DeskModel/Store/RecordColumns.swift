import Foundation
import GRDB

// The hot records map their columns by hand. Through Codable, GRDB's record encoder and decoder
// cost a fifth of every write (a ticket is encoded twice per save to find what changed); these
// do the same mapping directly. Dates are whole seconds since 1970, as EpochDatedRecord says.

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

extension Ticket {
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

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["subject"] = subject
        container["status"] = status
        container["priority"] = priority
        container["channel"] = channel
        container["productArea"] = productArea
        container["tags"] = tags
        container["branchId"] = branchId
        container["assigneeId"] = assigneeId
        container["customerId"] = customerId
        container["version"] = version
        container["createdAt"] = createdAt.dbSeconds
        container["updatedAt"] = updatedAt.dbSeconds
        container["solvedAt"] = solvedAt?.dbSeconds
        container["closedAt"] = closedAt?.dbSeconds
        container["routedBy"] = routedBy
        container["recipient"] = recipient
        container["language"] = language
        container["mergedIntoId"] = mergedIntoId
        container["slaPolicy"] = slaPolicy
        container["slaDueAt"] = slaDueAt?.dbSeconds
        container["slaWarnAt"] = slaWarnAt?.dbSeconds
        container["slaPaused"] = slaPaused
        container["slaDueTarget"] = slaDueTarget
        container["impact"] = impact
        container["workaround"] = workaround
        container["severity"] = severity
        container["severityRule"] = severityRule
        container["severityOverride"] = severityOverride
        container["fields"] = fields
    }
}

extension Message {
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

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticketId"] = ticketId
        container["authorKind"] = authorKind
        container["agentId"] = agentId
        container["customerId"] = customerId
        container["visibility"] = visibility
        container["channel"] = channel
        container["body"] = body
        container["messageIdHeader"] = messageIdHeader
        container["inReplyTo"] = inReplyTo
        container["references"] = references
        container["createdAt"] = createdAt.dbSeconds
        container["repro"] = repro
        container["quoted"] = quoted
        container["auto"] = auto
        container["contentHash"] = contentHash
        container["meta"] = meta
    }
}

extension TicketEvent {
    public init(row: Row) throws {
        id = row["id"]
        ticketId = row["ticketId"]
        actorId = row["actorId"]
        kind = row["kind"]
        data = row["data"]
        createdAt = row.date("createdAt") ?? .distantPast
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticketId"] = ticketId
        container["actorId"] = actorId
        container["kind"] = kind
        container["data"] = data
        container["createdAt"] = createdAt.dbSeconds
    }
}
