import Foundation

/// The promises an SLA policy makes (docs/sla.md says exactly how each is measured).
public enum SLAKind: String, Sendable, Equatable, CaseIterable, Codable {
    case firstReply = "first_reply"
    case nextReply = "next_reply"
    case periodicUpdate = "periodic_update"
    case resolution

    public var label: String {
        switch self {
        case .firstReply: "first reply"
        case .nextReply: "next reply"
        case .periodicUpdate: "periodic update"
        case .resolution: "resolution"
        }
    }
}

/// One target of a policy: minutes, counted in business time (the policy's calendar) or calendar time.
public struct SLATarget: Sendable, Equatable {
    public var kind: SLAKind
    public var minutes: Int
    public var businessTime: Bool
    public init(kind: SLAKind, minutes: Int, businessTime: Bool = true) {
        self.kind = kind; self.minutes = minutes; self.businessTime = businessTime
    }
}

/// When a target counts as at risk: a share of the target used up, or minutes left.
public enum SLAWarning: Sendable, Equatable {
    case percentUsed(Int)
    case minutesLeft(Int)
}

/// An SLA policy: which tickets it covers (every condition given must hold; first match wins)
/// and what it promises them.
public struct SLAPolicy: Sendable, Equatable {
    public var name: String
    public var priorities: [TicketPriority]?
    public var customerTiers: [CustomerTier]?
    public var channels: [Channel]?
    public var branches: [String]?
    /// The name of a calendar of the policy file.
    public var calendar: String
    public var targets: [SLATarget]
    /// Time in these statuses does not count (default: pending).
    public var pauseOn: [TicketStatus]
    public var warning: SLAWarning
    public var line: Int

    public init(
        name: String, priorities: [TicketPriority]? = nil, customerTiers: [CustomerTier]? = nil, channels: [Channel]? = nil,
        branches: [String]? = nil, calendar: String, targets: [SLATarget], pauseOn: [TicketStatus] = [.pending],
        warning: SLAWarning = .percentUsed(75), line: Int = 0
    ) {
        self.name = name; self.priorities = priorities; self.customerTiers = customerTiers; self.channels = channels
        self.branches = branches; self.calendar = calendar; self.targets = targets; self.pauseOn = pauseOn
        self.warning = warning; self.line = line
    }

    public func target(_ kind: SLAKind) -> SLATarget? { targets.first { $0.kind == kind } }

    /// Whether this policy covers a ticket with these properties.
    public func covers(priority: TicketPriority, tier: CustomerTier, channel: Channel, branch: String?) -> Bool {
        (priorities?.contains(priority) ?? true) && (customerTiers?.contains(tier) ?? true)
            && (channels?.contains(channel) ?? true)
            && (branches.map { list in
                branch.map { b in list.contains { $0.sameName(as: b) } } ?? false
            } ?? true)
    }
}

/// The SLA sections of the policy file: calendars and the ordered policies.
public struct SLASettings: Sendable, Equatable {
    public var calendars: [BusinessCalendar]
    public var policies: [SLAPolicy]
    public init(calendars: [BusinessCalendar] = [], policies: [SLAPolicy] = []) {
        self.calendars = calendars; self.policies = policies
    }

    public func calendar(named name: String) -> BusinessCalendar? {
        calendars.first { $0.name.sameName(as: name) }
    }

    /// The first policy that covers the ticket, or nil (no SLA).
    public func policy(priority: TicketPriority, tier: CustomerTier, channel: Channel, branch: String?) -> SLAPolicy? {
        policies.first { $0.covers(priority: priority, tier: tier, channel: channel, branch: branch) }
    }

    public func policy(named name: String) -> SLAPolicy? { policies.first { $0.name == name } }
}
