import Foundation
import GRDB

/// A reply template: Markdown with Mustache placeholders such as `{{customer.first_name}}`.
public struct Template: Codable, Sendable, Equatable, EpochDatedRecord {
    public var id: Int64?
    public var name: String
    public var body: String
    public var tags: String
    public var productArea: String?
    public var branchId: Int64?
    public var ownerId: Int64?
    public var lastReviewedAt: Date?
    public var archived: Bool
    public static let databaseTableName = "templates"
    public init(
        id: Int64? = nil, name: String, body: String, tags: [String] = [], productArea: String? = nil,
        branchId: Int64? = nil, ownerId: Int64? = nil, lastReviewedAt: Date? = nil, archived: Bool = false
    ) {
        self.id = id; self.name = name; self.body = body; self.tags = tags.joined(separator: ",")
        self.productArea = productArea; self.branchId = branchId; self.ownerId = ownerId
        self.lastReviewedAt = lastReviewedAt; self.archived = archived
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
