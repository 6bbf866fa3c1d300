import Foundation

/// The support-ops owner's rules, loaded from one YAML file (see docs/policy.md).
/// Sections: branches, routing, roles, lifecycle, calendars and SLA policies; later issues add more.
public struct Policy: Sendable, Equatable {
    public var branches: [BranchPolicy]
    /// Where a ticket goes when no routing rule matches.
    public var defaultBranch: String
    /// Tried in order; the first rule that matches decides.
    public var routing: [RoutingRule]
    public var roles: [AgentRole: RolePolicy]
    public var lifecycle: LifecyclePolicy
    /// Calendars and SLA policies; empty means no SLA.
    public var sla: SLASettings
    /// Escalation paths, triggers, the severity rubric and the customer-safe update.
    public var escalation: EscalationPolicy
    /// Custom fields, internal-only markers, template staleness.
    public var replies = ReplyPolicy()
    /// Outbound email: addresses, Message-IDs, delivery.
    public var mail = MailPolicy()
    /// Whose console rings the bell when a notification arrives.
    public var notifications = NotificationPolicy()
    /// Giving a ticket to an agent of another branch or a lower tier: ask, or forbid.
    public var assignment = AssignmentPolicy()

    public init(
        branches: [BranchPolicy], defaultBranch: String, routing: [RoutingRule],
        roles: [AgentRole: RolePolicy] = RolePolicy.defaults, lifecycle: LifecyclePolicy = LifecyclePolicy(),
        sla: SLASettings = SLASettings(), escalation: EscalationPolicy = EscalationPolicy()
    ) {
        self.branches = branches; self.defaultBranch = defaultBranch; self.routing = routing
        self.roles = roles; self.lifecycle = lifecycle; self.sla = sla
        self.escalation = escalation
    }

    public func branch(named name: String) -> BranchPolicy? {
        branches.first { $0.name.sameName(as: name) }
    }

    /// The name customer-facing text gives `branch`: its `public_name`, else a neutral phrase.
    public func publicName(ofBranch name: String) -> String {
        branch(named: name)?.publicName ?? BranchPolicy.neutralPublicName
    }

    /// Branch names that must not reach a customer (those equal to a public name excepted).
    public var internalBranchNames: [String] {
        let open = Set(branches.compactMap { $0.publicName?.lowercased() })
        return branches.map(\.name).filter { !open.contains($0.lowercased()) }
    }

    /// What a role may do; a role the file does not mention may do everything an agent may.
    public func role(_ role: AgentRole) -> RolePolicy { roles[role] ?? RolePolicy.defaults[role] ?? RolePolicy(can: []) }
}

/// How tickets that reach a branch get an owner.
public enum AssignmentMode: String, Sendable, Equatable, CaseIterable {
    /// Nobody is picked: agents take tickets from the branch queue.
    case manual
    /// The next available agent after the one who got the last ticket.
    case roundRobin = "round-robin"
    /// The available agent with the fewest open tickets.
    case leastOpen = "least-open"
}

public struct BranchPolicy: Sendable, Equatable {
    public var name: String
    public var tier: BranchTier
    public var assignment: AssignmentMode
    /// Open tickets an agent of this branch may hold before automatic assignment skips them.
    public var capacity: Int?
    /// The From address of replies sent from this branch (else the policy's `mail.from`).
    public var address: String?
    /// What customers read for this branch ("our billing specialists"); the name stays internal.
    public var publicName: String?
    /// The line of the branch in the policy file.
    public var line: Int

    /// What a customer-facing text calls a branch without a `public_name`: never its internal name.
    public static let neutralPublicName = "specialist team"

    public init(name: String, tier: BranchTier, assignment: AssignmentMode = .manual, capacity: Int? = nil, line: Int = 0) {
        self.name = name; self.tier = tier; self.assignment = assignment; self.capacity = capacity; self.line = line
    }
}

/// One routing rule: every condition given must hold; a list matches when any of its values does.
public struct RoutingRule: Sendable, Equatable {
    public var name: String
    public var channels: [Channel]?
    /// Recipient addresses; `*@billing.example` matches a whole domain.
    public var recipients: [String]?
    public var customerTiers: [CustomerTier]?
    public var organizations: [String]?
    public var productAreas: [String]?
    /// A regular expression tried (case-insensitively) against the subject and the first message.
    public var keywords: String?
    /// Language tags such as `de` or `pt-BR`; `de` also matches `de-AT`.
    public var languages: [String]?
    public var branch: String
    /// The line of the rule in the policy file, for explanations.
    public var line: Int

    public init(
        name: String, channels: [Channel]? = nil, recipients: [String]? = nil, customerTiers: [CustomerTier]? = nil,
        organizations: [String]? = nil, productAreas: [String]? = nil, keywords: String? = nil,
        languages: [String]? = nil, branch: String, line: Int = 0
    ) {
        self.name = name; self.channels = channels; self.recipients = recipients; self.customerTiers = customerTiers
        self.organizations = organizations; self.productAreas = productAreas; self.keywords = keywords
        self.languages = languages; self.branch = branch; self.line = line
    }
}

/// Things an agent can do to a ticket, each checked against the agent's role.
public enum Permission: String, Sendable, Equatable, CaseIterable, Comparable {
    case take, assign, status, priority, tag, note, reply, merge, link, route, escalate, templates
    public static func < (a: Permission, b: Permission) -> Bool { a.rawValue < b.rawValue }

    /// For refusals: "ben (role agent) may not merge tickets".
    public var verb: String {
        switch self {
        case .take: "take tickets"
        case .assign: "assign tickets to others"
        case .status: "change status"
        case .priority: "change priority"
        case .tag: "tag tickets or set their product area"
        case .note: "write internal notes"
        case .reply: "reply to customers"
        case .merge: "merge tickets"
        case .link: "link tickets"
        case .route: "route tickets"
        case .escalate: "escalate tickets or accept, return and resolve escalations"
        case .templates: "edit reply templates"
        }
    }
}

public struct RolePolicy: Sendable, Equatable {
    public var can: Set<Permission>
    /// The statuses this role may set by hand (automatic changes are not limited).
    public var statuses: Set<TicketStatus>

    public init(can: Set<Permission>, statuses: Set<TicketStatus> = Set(TicketStatus.allCases)) {
        self.can = can; self.statuses = statuses
    }

    /// Agents do the daily work but do not merge or close by hand; everyone else may do everything.
    public static let defaults: [AgentRole: RolePolicy] = [
        .agent: RolePolicy(
            can: Set(Permission.allCases).subtracting([.merge, .templates]),
            statuses: [.open, .pending, .onHold, .solved]),
        .specialist: RolePolicy(can: Set(Permission.allCases)),
        .lead: RolePolicy(can: Set(Permission.allCases)),
        .admin: RolePolicy(can: Set(Permission.allCases)),
    ]
}

public struct LifecyclePolicy: Sendable, Equatable {
    /// Solved tickets close by themselves after this many days without a customer reply.
    public var autoCloseDays: Int
    /// Another ticket of the same customer and product area opened within this many days is a repeat.
    public var repeatWindowDays: Int

    public init(autoCloseDays: Int = 4, repeatWindowDays: Int = 7) {
        self.autoCloseDays = autoCloseDays; self.repeatWindowDays = repeatWindowDays
    }
}
