import Foundation
import GRDB

public struct Organization: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var domain: String?
    public static let databaseTableName = "organizations"
    public init(id: Int64? = nil, name: String, domain: String?) { self.id = id; self.name = name; self.domain = domain }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct Customer: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var email: String
    public var name: String
    public var tier: CustomerTier
    public var organizationId: Int64?
    /// The agent who owns the account relationship (VIP and strategic accounts mostly).
    public var accountOwnerId: Int64?
    /// IANA zone, e.g. `Europe/Berlin`.
    public var timeZone: String
    public static let databaseTableName = "customers"
    public init(
        id: Int64? = nil, email: String, name: String, tier: CustomerTier = .standard,
        organizationId: Int64? = nil, accountOwnerId: Int64? = nil, timeZone: String = "UTC"
    ) {
        self.id = id; self.email = email; self.name = name; self.tier = tier
        self.organizationId = organizationId; self.accountOwnerId = accountOwnerId; self.timeZone = timeZone
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Customer: ColumnMapped {
    static let columns = ["email", "name", "tier", "organizationId", "accountOwnerId", "timeZone"]
    static let insertSQL = makeInsertSQL()

    var values: [DatabaseValue] {
        [
            email.databaseValue, name.databaseValue, tier.databaseValue, organizationId.databaseValue,
            accountOwnerId.databaseValue, timeZone.databaseValue,
        ]
    }

    public init(row: Row) throws {
        id = row["id"]
        email = row["email"]
        name = row["name"]
        tier = try row.value("tier")
        organizationId = row["organizationId"]
        accountOwnerId = row["accountOwnerId"]
        timeZone = row["timeZone"]
    }

    public func encode(to container: inout PersistenceContainer) throws { encodeColumns(to: &container) }
}

/// A routing target: a team at tier 1, tier 2 or engineering.
public struct Branch: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var name: String
    public var tier: BranchTier
    public static let databaseTableName = "branches"
    public init(id: Int64? = nil, name: String, tier: BranchTier) { self.id = id; self.name = name; self.tier = tier }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

public struct Agent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var handle: String
    public var name: String
    public var role: AgentRole
    /// 1, 2, or 3 for engineering.
    public var tier: Int
    public var branchId: Int64?
    public static let databaseTableName = "agents"
    public init(id: Int64? = nil, handle: String, name: String, role: AgentRole = .agent, tier: Int = 1, branchId: Int64? = nil) {
        self.id = id; self.handle = handle; self.name = name; self.role = role; self.tier = tier; self.branchId = branchId
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
