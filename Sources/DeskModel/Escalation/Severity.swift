/// How bad a case is for the customer, sev1 (worst) to sev4. Judged by the policy's rubric
/// from recorded facts only: the wording of the thread never moves it.
public enum Severity: String, Codable, CaseIterable, Sendable, Comparable {
    case sev1, sev2, sev3, sev4
    /// sev1 is the most severe: `sev1 > sev2`.
    public static func < (a: Severity, b: Severity) -> Bool { a.rawValue > b.rawValue }
}

/// How many people the problem stops.
public enum Impact: String, Codable, CaseIterable, Sendable {
    case single, team, organization
}

/// Whether the customer can get round the problem.
public enum Workaround: String, Codable, CaseIterable, Sendable {
    case yes, no, unknown
}

/// The rubric's urgency: the ticket's priority, read as low (low), medium (normal) or high (high, urgent).
public enum Urgency: String, Codable, CaseIterable, Sendable {
    case low, medium, high
    public init(_ p: TicketPriority) {
        switch p {
        case .low: self = .low
        case .normal: self = .medium
        case .high, .urgent: self = .high
        }
    }
}

/// One row of the severity rubric: every condition given must hold.
public struct SeverityRow: Sendable, Equatable {
    public var name: String
    public var impact: [Impact]?
    public var urgency: [Urgency]?
    public var workaround: [Workaround]?
    public var customerTiers: [CustomerTier]?
    public var severity: Severity
    public var rationale: String
    public var line: Int

    public init(
        name: String, impact: [Impact]? = nil, urgency: [Urgency]? = nil, workaround: [Workaround]? = nil,
        customerTiers: [CustomerTier]? = nil, severity: Severity, rationale: String, line: Int = 0
    ) {
        self.name = name; self.impact = impact; self.urgency = urgency; self.workaround = workaround
        self.customerTiers = customerTiers; self.severity = severity; self.rationale = rationale; self.line = line
    }

    /// What applies when a policy has no rubric: nothing known makes a case severe.
    public static let fallback = SeverityRow(
        name: "default", severity: .sev4, rationale: "No rubric row raises it: the lowest severity.")

    func matches(_ f: SeverityFacts) -> Bool {
        (impact.map { l in f.impact.map(l.contains) ?? false } ?? true)
            && (urgency?.contains(f.urgency) ?? true)
            && (workaround?.contains(f.workaround) ?? true)
            && (customerTiers?.contains(f.tier) ?? true)
    }
}

/// What the rubric reads: recorded fields of the ticket and its customer, never message text.
public struct SeverityFacts: Sendable, Equatable {
    public var impact: Impact?
    public var urgency: Urgency
    public var workaround: Workaround
    public var tier: CustomerTier
    public init(impact: Impact?, urgency: Urgency, workaround: Workaround, tier: CustomerTier) {
        self.impact = impact; self.urgency = urgency; self.workaround = workaround; self.tier = tier
    }
}

/// A severity with the rubric row behind it and the row's rationale.
public struct SeverityAssessment: Sendable, Equatable, Codable {
    public var severity: Severity
    public var rule: String
    public var rationale: String
    public init(severity: Severity, rule: String, rationale: String) {
        self.severity = severity; self.rule = rule; self.rationale = rationale
    }
}

extension EscalationPolicy {
    /// The first matching rubric row's severity (the last row matches everything).
    public func assess(_ f: SeverityFacts) -> SeverityAssessment {
        let row = rubric.first { $0.matches(f) } ?? SeverityRow.fallback
        return SeverityAssessment(severity: row.severity, rule: row.name, rationale: row.rationale)
    }
}
