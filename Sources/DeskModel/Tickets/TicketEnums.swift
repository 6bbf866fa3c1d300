/// Where a ticket is in its life. Transition rules arrive with the lifecycle work.
public enum TicketStatus: String, Codable, CaseIterable, Sendable {
    case new, open, pending
    case onHold = "on-hold"
    case solved, closed

    /// Statuses that still need work from someone.
    public var isActive: Bool { self != .solved && self != .closed }
}

public enum TicketPriority: String, Codable, CaseIterable, Sendable, Comparable {
    case low, normal, high, urgent

    public var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        case .urgent: 3
        }
    }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

public enum Channel: String, Codable, CaseIterable, Sendable {
    case email, chat
    case webForm = "web"
    case phone
}

/// Who wrote a message.
public enum AuthorKind: String, Codable, CaseIterable, Sendable {
    case customer, agent, system
}

/// Public replies reach the customer; internal notes never do.
public enum Visibility: String, Codable, CaseIterable, Sendable {
    case `public`, `internal`
}

public enum CustomerTier: String, Codable, CaseIterable, Sendable {
    case standard, priority, vip, strategic
}

public enum BranchTier: String, Codable, CaseIterable, Sendable {
    case tier1 = "tier1", tier2 = "tier2", engineering
    public var label: String {
        switch self {
        case .tier1: "T1"
        case .tier2: "T2"
        case .engineering: "ENG"
        }
    }
}

public enum AgentRole: String, Codable, CaseIterable, Sendable {
    case agent, specialist, lead, admin
}

extension RawRepresentable where RawValue == String, Self: CaseIterable {
    /// Parses a user-typed value or fails with the list of valid ones.
    public static func parse(_ text: String, field: String) throws -> Self {
        let t = text.lowercased()
        if let v = Self(rawValue: t) { return v }
        if let v = allCases.first(where: { "\($0)".lowercased() == t }) { return v }
        throw DeskError.invalidValue(field: field, value: text, allowed: allCases.map(\.rawValue))
    }
}
