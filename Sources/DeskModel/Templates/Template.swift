import Foundation
import GRDB

/// A reply template: Markdown with Mustache placeholders such as `{{customer.first_name}}`.
/// With actions it is a macro: inserting it also stages a status, priority, tags or branch
/// that the reply applies when it is sent.
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
    /// MacroActions as JSON; `{}` for a plain template.
    public var actions: String
    public static let databaseTableName = "templates"
    public init(
        id: Int64? = nil, name: String, body: String, tags: [String] = [], productArea: String? = nil,
        branchId: Int64? = nil, ownerId: Int64? = nil, lastReviewedAt: Date? = nil, archived: Bool = false,
        actions: MacroActions = MacroActions()
    ) {
        self.id = id; self.name = name; self.body = body; self.tags = tags.joined(separator: ",")
        self.productArea = productArea; self.branchId = branchId; self.ownerId = ownerId
        self.lastReviewedAt = lastReviewedAt; self.archived = archived
        self.actions = actions.json
    }
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    public var tagList: [String] { tags.split(separator: ",").map(String.init) }
    public var macro: MacroActions { MacroActions(json: actions) }
}

/// What a macro does to the ticket besides inserting text, applied when the reply is sent.
public struct MacroActions: Codable, Sendable, Equatable {
    public var status: TicketStatus?
    public var priority: TicketPriority?
    public var tags: [String]
    public var branch: String?

    public init(status: TicketStatus? = nil, priority: TicketPriority? = nil, tags: [String] = [], branch: String? = nil) {
        self.status = status; self.priority = priority; self.tags = tags; self.branch = branch
    }

    public var isEmpty: Bool { status == nil && priority == nil && tags.isEmpty && branch == nil }

    public var json: String {
        let data = (try? JSONEncoder.sorted.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    public init(json: String) {
        self = (try? JSONDecoder().decode(MacroActions.self, from: Data(json.utf8))) ?? MacroActions()
    }

    /// Later actions win; tags add up.
    public func merged(with other: MacroActions) -> MacroActions {
        MacroActions(
            status: other.status ?? status, priority: other.priority ?? priority,
            tags: tags + other.tags.filter { !tags.contains($0) }, branch: other.branch ?? branch)
    }

    /// "status pending · priority high · +refund · → Billing L2"
    public var summary: String {
        var parts: [String] = []
        if let status { parts.append("status \(status.rawValue)") }
        if let priority { parts.append("priority \(priority.rawValue)") }
        parts += tags.map { "+\($0)" }
        if let branch { parts.append("→ \(branch)") }
        return parts.joined(separator: " · ")
    }

    enum CodingKeys: String, CodingKey { case status, priority, tags, branch }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        status = try c.decodeIfPresent(TicketStatus.self, forKey: .status)
        priority = try c.decodeIfPresent(TicketPriority.self, forKey: .priority)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        branch = try c.decodeIfPresent(String.self, forKey: .branch)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(priority, forKey: .priority)
        if !tags.isEmpty { try c.encode(tags, forKey: .tags) }
        try c.encodeIfPresent(branch, forKey: .branch)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
