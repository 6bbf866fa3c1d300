/// The policy's escalation section: paths between branches, what fires a trigger, how severity
/// is judged, and the customer-safe update template (docs/escalation.md).
public struct EscalationPolicy: Sendable, Equatable {
    /// Which branches a branch may escalate to; a path to an engineering branch is a bug handoff.
    public var paths: [EscalationPath]
    /// A trigger not acted on (no escalation requested) within this many minutes is a late escalation.
    public var actWithinMinutes: Int
    public var triggers: TriggerSettings
    /// Rows tried in order; the first whose conditions hold gives the severity. The last row has none.
    public var rubric: [SeverityRow]
    /// Mustache text of the customer-safe update; it sees only customer-facing facts.
    public var customerUpdate: String

    public init(
        paths: [EscalationPath] = [], actWithinMinutes: Int = 30, triggers: TriggerSettings = TriggerSettings(),
        rubric: [SeverityRow] = [SeverityRow.fallback], customerUpdate: String = EscalationPolicy.defaultUpdate
    ) {
        self.paths = paths; self.actWithinMinutes = actWithinMinutes; self.triggers = triggers
        self.rubric = rubric.isEmpty ? [SeverityRow.fallback] : rubric; self.customerUpdate = customerUpdate
    }

    /// The branches `branch` may escalate to, in policy order.
    public func targets(from branch: String?) -> [String] {
        guard let branch else { return [] }
        return paths.filter { $0.from.sameName(as: branch) }.flatMap(\.to)
    }

    public static let defaultUpdate = """
        Hello {{customer.name}},

        thank you for your patience with ticket #{{ticket.id}} ("{{ticket.subject}}"). We have passed it to our \
        {{team}}, who will take it from here; we will update you as soon as we know more.
        """
}

public struct EscalationPath: Sendable, Equatable {
    public var from: String
    public var to: [String]
    public var line: Int
    public init(from: String, to: [String], line: Int = 0) { self.from = from; self.to = to; self.line = line }
}

/// Which triggers are on and their thresholds; a nil threshold switches that trigger off.
public struct TriggerSettings: Sendable, Equatable {
    /// Severity changed to this level or worse.
    public var severityAtLeast: Severity?
    /// VIP or strategic accounts.
    public var customerTiers: [CustomerTier]
    /// Under this percentage of a target's time left.
    public var slaAtRiskPercent: Int?
    /// Another ticket of the same customer and product area within the lifecycle's repeat window.
    public var repeatedTicket: Bool
    /// More than this many customer messages since the ticket was last solved (or opened).
    public var customerMessagesWithoutResolution: Int?
    /// An engineering escalation without reproduction steps.
    public var engineeringWithoutRepro: Bool
    /// The ticket carries the tag of an open incident.
    public var openIncident: Bool

    public init(
        severityAtLeast: Severity? = nil, customerTiers: [CustomerTier] = [], slaAtRiskPercent: Int? = nil,
        repeatedTicket: Bool = false, customerMessagesWithoutResolution: Int? = nil,
        engineeringWithoutRepro: Bool = false, openIncident: Bool = false
    ) {
        self.severityAtLeast = severityAtLeast; self.customerTiers = customerTiers
        self.slaAtRiskPercent = slaAtRiskPercent; self.repeatedTicket = repeatedTicket
        self.customerMessagesWithoutResolution = customerMessagesWithoutResolution
        self.engineeringWithoutRepro = engineeringWithoutRepro; self.openIncident = openIncident
    }
}
