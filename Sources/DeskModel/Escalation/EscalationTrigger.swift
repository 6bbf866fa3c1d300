import Foundation

/// What can make a ticket due for escalation (docs/escalation.md).
public enum TriggerKind: String, Codable, CaseIterable, Sendable {
    case severity
    case account
    case slaAtRisk = "sla-at-risk"
    case repeated
    case unclearHandoff = "unclear-handoff"
    case incident

    public var label: String {
        switch self {
        case .severity: "Severity"
        case .account: "Key account"
        case .slaAtRisk: "SLA at risk"
        case .repeated: "Repeated ticket"
        case .unclearHandoff: "Unclear engineering handoff"
        case .incident: "Incident update"
        }
    }
}

/// A trigger that holds now: why, and the source its reason comes from.
public struct FiredTrigger: Sendable, Equatable, Codable {
    public var kind: TriggerKind
    /// "next_reply under 25% of 60 min left".
    public var reason: String
    /// "rule sla.vip.next_reply", "field customer.tier", "message #4".
    public var source: String
    public init(kind: TriggerKind, reason: String, source: String) {
        self.kind = kind; self.reason = reason; self.source = source
    }

    /// "SLA at risk: next_reply under 25% of 60 min left".
    public var text: String { "\(kind.label): \(reason)" }
}

/// Everything the triggers read about one ticket, gathered by the write path or the sweep.
public struct TriggerFacts: Sendable, Equatable {
    public var active: Bool
    /// The ticket's branch has a path onward and no escalation of it is waiting or accepted.
    public var canEscalate: Bool
    public var severity: Severity?
    public var severityRule: String?
    public var severityOverride: String?
    public var tier: CustomerTier
    public var slaPolicy: String?
    public var sla: [SLATargetStatus]
    /// Another ticket of the customer in the same product area within the repeat window.
    public var repeatOf: Int64?
    public var productArea: String?
    /// Customer messages since the ticket was last solved (or opened).
    public var customerMessagesUnresolved: Int
    /// An escalation to engineering is waiting or accepted and the ticket has no repro steps.
    public var engineeringWithoutRepro: String?
    /// Open incidents whose tag the ticket carries: (tag, title).
    public var incidents: [(tag: String, title: String)]

    public init(
        active: Bool, canEscalate: Bool, severity: Severity? = nil, severityRule: String? = nil,
        severityOverride: String? = nil, tier: CustomerTier = .standard, slaPolicy: String? = nil,
        sla: [SLATargetStatus] = [], repeatOf: Int64? = nil, productArea: String? = nil,
        customerMessagesUnresolved: Int = 0, engineeringWithoutRepro: String? = nil,
        incidents: [(tag: String, title: String)] = []
    ) {
        self.active = active; self.canEscalate = canEscalate; self.severity = severity
        self.severityRule = severityRule; self.severityOverride = severityOverride; self.tier = tier
        self.slaPolicy = slaPolicy; self.sla = sla; self.repeatOf = repeatOf; self.productArea = productArea
        self.customerMessagesUnresolved = customerMessagesUnresolved
        self.engineeringWithoutRepro = engineeringWithoutRepro; self.incidents = incidents
    }

    public static func == (a: TriggerFacts, b: TriggerFacts) -> Bool {
        a.active == b.active && a.canEscalate == b.canEscalate && a.severity == b.severity && a.tier == b.tier
            && a.sla == b.sla && a.repeatOf == b.repeatOf && a.customerMessagesUnresolved == b.customerMessagesUnresolved
            && a.engineeringWithoutRepro == b.engineeringWithoutRepro && a.incidents.map(\.tag) == b.incidents.map(\.tag)
    }
}

extension TriggerSettings {
    /// The triggers that hold for these facts, in a fixed order. Pure.
    public func evaluate(_ f: TriggerFacts) -> [FiredTrigger] {
        guard f.active else { return [] }
        var out: [FiredTrigger] = []
        if let branch = f.engineeringWithoutRepro, engineeringWithoutRepro {
            out.append(
                FiredTrigger(
                    kind: .unclearHandoff, reason: "escalated to \(branch) without reproduction steps",
                    source: "field package.repro"))
        }
        guard f.canEscalate else { return out }
        if let floor = severityAtLeast, let s = f.severity, s >= floor {
            let why = f.severityOverride.map { "set by hand: \($0)" } ?? "rubric row `\(f.severityRule ?? "?")`"
            out.append(
                FiredTrigger(
                    kind: .severity, reason: "\(s.rawValue) (\(why)), at or above \(floor.rawValue)",
                    source: f.severityOverride == nil
                        ? "rule escalation.severity.\(f.severityRule ?? "?")" : "field ticket.severity"))
        }
        if customerTiers.contains(f.tier) {
            out.append(FiredTrigger(kind: .account, reason: "\(f.tier.rawValue) customer", source: "field customer.tier"))
        }
        if let percent = slaAtRiskPercent, let at = slaAtRisk(f, percent: percent) { out.append(at) }
        if repeatedTicket, let other = f.repeatOf {
            out.append(
                FiredTrigger(
                    kind: .repeated, reason: "same customer and product area \(f.productArea ?? "") as #\(other)",
                    source: "rule lifecycle.repeat_window_days"))
        } else if let n = customerMessagesWithoutResolution, f.customerMessagesUnresolved > n {
            out.append(
                FiredTrigger(
                    kind: .repeated,
                    reason: "\(f.customerMessagesUnresolved) customer messages without a resolution (more than \(n))",
                    source: "rule escalation.triggers.customer_messages_without_resolution"))
        }
        if openIncident, let first = f.incidents.first {
            out.append(
                FiredTrigger(
                    kind: .incident, reason: "tagged \(first.tag): open incident \"\(first.title)\"", source: "field ticket.tags")
            )
        }
        return out
    }

    /// A running target with under `percent` of its time left, the one due first. The reason
    /// names what holds until the next change (at risk, breached), not the minutes left: those
    /// tick every second, and the sweep revisits a ticket only when something changes
    /// (`SLAClock.nextChange`), so a figure here would go stale.
    func slaAtRisk(_ f: TriggerFacts, percent: Int) -> FiredTrigger? {
        let under = f.sla.filter {
            ($0.state == .active || $0.state == .breached) && $0.target.minutes > 0
                && $0.left * 100 < Int64($0.target.minutes) * 60 * Int64(percent)
        }
        guard let first = under.min(by: { ($0.deadline ?? .max) < ($1.deadline ?? .max) }) else { return nil }
        let kind = first.target.kind.rawValue
        let reason =
            first.state == .breached
            ? "\(kind) breached (\(first.target.minutes) min target)"
            : "\(kind) under \(percent)% of \(first.target.minutes) min left"
        return FiredTrigger(kind: .slaAtRisk, reason: reason, source: "rule sla.\(f.slaPolicy ?? "?").\(kind)")
    }
}
