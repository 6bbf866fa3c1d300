import Foundation

/// Where a claim in the package comes from: a message of the ticket (numbered from 1 in time
/// order), a field, or a policy rule. Written `[#3]`, `[field customer.tier]`, `[rule sla.vip]`.
/// Encoded `{"kind": "message", "number": 3}`, `{"kind": "field", "name": "customer.tier"}`,
/// `{"kind": "rule", "name": "sla.vip"}` (ClaimSource+Codable.swift).
public enum ClaimSource: Sendable, Equatable, CustomStringConvertible {
    case message(Int)
    case field(String)
    case rule(String)

    public var description: String {
        switch self {
        case .message(let n): "[#\(n)]"
        case .field(let f): "[field \(f)]"
        case .rule(let r): "[rule \(r)]"
        }
    }

    /// `#3`, `field x.y`, `rule a.b` (the text between the brackets).
    static func parse(_ inner: String) -> ClaimSource? {
        let t = inner.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("#"), let n = Int(t.dropFirst()), n > 0 { return .message(n) }
        let parts = t.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].contains(" ") else { return nil }
        switch parts[0].lowercased() {
        case "field": return .field(parts[1])
        case "rule": return .rule(parts[1])
        default: return nil
        }
    }
}

/// One statement of the summary or the repro steps, with what backs it.
public struct Claim: Sendable, Equatable, Codable {
    public var text: String
    public var sources: [ClaimSource]
    public init(text: String, sources: [ClaimSource]) { self.text = text; self.sources = sources }

    /// "Customer is on the VIP tier [field customer.tier]".
    public var line: String { ([text] + sources.map(\.description)).joined(separator: " ") }

    /// A line as typed: trailing `[…]` groups are its sources, the rest is the claim.
    public static func parse(_ line: String) -> Claim {
        var text = line.trimmingCharacters(in: .whitespaces)
        var sources: [ClaimSource] = []
        while text.hasSuffix("]"), let open = text.range(of: "[", options: .backwards),
            let source = ClaimSource.parse(String(text[open.upperBound..<text.index(before: text.endIndex)]))
        {
            sources.insert(source, at: 0)
            text = String(text[..<open.lowerBound]).trimmingCharacters(in: .whitespaces)
        }
        return Claim(text: text, sources: sources)
    }

    /// Claims from text, one per non-empty line.
    public static func parseLines(_ text: String) -> [Claim] {
        text.split(whereSeparator: \.isNewline).map { parse(String($0)) }.filter { !$0.text.isEmpty || !$0.sources.isEmpty }
    }
}

/// Something the receiving side will want that the ticket does not say yet.
public struct MissingItem: Sendable, Equatable, Codable {
    public var key: String
    public var text: String
    /// The agent has seen it and escalates anyway.
    public var acknowledged: Bool
    public init(key: String, text: String, acknowledged: Bool = false) {
        self.key = key; self.text = text; self.acknowledged = acknowledged
    }
}

/// The handoff package: what moves with the case (docs/escalation.md).
public struct EscalationPackage: Sendable, Equatable, Codable {
    public var summary: [Claim]
    public var repro: [Claim]
    public var severity: SeverityAssessment
    /// Set when the agent overrode the rubric: why.
    public var severityOverride: String?
    /// Customer-safe text; goes out as a public reply only when `sendUpdate`.
    public var customerUpdate: String
    public var sendUpdate: Bool
    public var toBranch: String
    public var toAgent: String?
    /// What happens next and who does it: the next owner's step first, then anyone else's (the
    /// account owner telling the customer). Stored packages from before held one `nextAction`.
    public var nextActions: [NextAction]
    public var missing: [MissingItem]
    /// Rubric facts the agent filled in while composing (written to the ticket on submit).
    public var impact: Impact?
    public var workaround: Workaround?
    /// How the customer gets round it, in words fit for the customer (the update states it).
    public var workaroundText: String?

    public init(
        summary: [Claim], repro: [Claim], severity: SeverityAssessment, severityOverride: String? = nil,
        customerUpdate: String, sendUpdate: Bool = false, toBranch: String, toAgent: String? = nil,
        nextActions: [NextAction], missing: [MissingItem]
    ) {
        self.summary = summary; self.repro = repro; self.severity = severity; self.severityOverride = severityOverride
        self.customerUpdate = customerUpdate; self.sendUpdate = sendUpdate; self.toBranch = toBranch
        self.toAgent = toAgent; self.nextActions = nextActions; self.missing = missing
    }

    /// The next owner's own step (the first action naming the branch or its agent), or "".
    /// Setting it replaces that step (or puts one first); setting "" removes it.
    public var nextAction: String {
        get { nextActions.first { isNextOwner($0.owner) }?.action ?? "" }
        set {
            let text = newValue.trimmingCharacters(in: .whitespacesAndNewlines)
            if let i = nextActions.firstIndex(where: { isNextOwner($0.owner) }) {
                if text.isEmpty { nextActions.remove(at: i) } else { nextActions[i].action = text }
            } else if !text.isEmpty {
                nextActions.insert(NextAction(owner: toBranch, action: text), at: 0)
            }
        }
    }

    /// Whether `owner` names the branch the case goes to, or the agent it goes to by name.
    public func isNextOwner(_ owner: String) -> Bool {
        owner.sameName(as: toBranch) || (toAgent.map { owner.sameName(as: $0) } ?? false)
    }

    /// The internal texts that must never reach the customer.
    public var internalTexts: [String] {
        summary.map(\.text) + repro.map(\.text) + nextActions.map(\.action) + [severity.rationale, severityOverride ?? ""]
    }

    private enum CodingKeys: String, CodingKey {
        case summary, repro, severity, severityOverride, customerUpdate, sendUpdate, toBranch, toAgent, nextActions
        case missing, impact, workaround, workaroundText
    }
    /// The one key a package stored before `nextActions` had.
    private enum LegacyKeys: String, CodingKey { case nextAction }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        summary = try c.decode([Claim].self, forKey: .summary)
        repro = try c.decode([Claim].self, forKey: .repro)
        severity = try c.decode(SeverityAssessment.self, forKey: .severity)
        severityOverride = try c.decodeIfPresent(String.self, forKey: .severityOverride)
        customerUpdate = try c.decode(String.self, forKey: .customerUpdate)
        sendUpdate = try c.decode(Bool.self, forKey: .sendUpdate)
        toBranch = try c.decode(String.self, forKey: .toBranch)
        toAgent = try c.decodeIfPresent(String.self, forKey: .toAgent)
        missing = try c.decode([MissingItem].self, forKey: .missing)
        impact = try c.decodeIfPresent(Impact.self, forKey: .impact)
        workaround = try c.decodeIfPresent(Workaround.self, forKey: .workaround)
        workaroundText = try c.decodeIfPresent(String.self, forKey: .workaroundText)
        if let list = try c.decodeIfPresent([NextAction].self, forKey: .nextActions) {
            nextActions = list
        } else {
            let old = try decoder.container(keyedBy: LegacyKeys.self).decodeIfPresent(String.self, forKey: .nextAction) ?? ""
            nextActions = old.isEmpty ? [] : [NextAction(owner: toBranch, action: old)]
        }
    }
}

/// The parts of the package the review can send the agent back to.
public enum PackageField: String, Sendable, Equatable, CaseIterable, Codable {
    case summary, repro, severity, customerUpdate = "customer-update", owner, nextAction = "next-action", missing

    public var label: String {
        switch self {
        case .summary: "Summary"
        case .repro: "Reproduction steps"
        case .severity: "Severity"
        case .customerUpdate: "Customer update"
        case .owner: "Next owner"
        case .nextAction: "Next actions"
        case .missing: "Missing information"
        }
    }
}

/// One reason the package cannot be submitted yet.
public struct ReviewFailure: Sendable, Equatable {
    public var field: PackageField
    public var message: String
    public init(field: PackageField, message: String) { self.field = field; self.message = message }
}

/// What the review checks a source against.
public struct SourceContext: Sendable, Equatable {
    public var messages: Int
    public var rules: Set<String>
    public static let fields: Set<String> = [
        "ticket.subject", "ticket.priority", "ticket.status", "ticket.channel", "ticket.product_area", "ticket.tags",
        "ticket.severity", "ticket.impact", "ticket.workaround", "ticket.branch", "ticket.owner", "ticket.created",
        "customer.name", "customer.tier", "customer.organization", "customer.account_owner", "package.repro",
    ]
    public init(messages: Int, rules: Set<String>) { self.messages = messages; self.rules = rules }

    func problem(_ s: ClaimSource) -> String? {
        switch s {
        case .message(let n) where n > messages: "\(s) points past the last message (#\(messages))"
        case .field(let f) where !Self.fields.contains(f): "\(s) is not a known field"
        case .rule(let r) where !rules.contains(r): "\(s) is not a rule of the policy"
        default: nil
        }
    }
}

extension EscalationPackage {
    /// The review checklist: every claim sourced (and every source real), next owner and next
    /// action named, missing information acknowledged, severity override explained, and a
    /// customer update fit to send. Empty means it may go.
    /// `internalNames`: the policy's branch names, which the customer must not read.
    public func review(sources: SourceContext, targets: [String], internalNames: [String] = []) -> [ReviewFailure] {
        var out: [ReviewFailure] = []
        if summary.isEmpty { out.append(ReviewFailure(field: .summary, message: "the summary is empty")) }
        for (field, claims) in [(PackageField.summary, summary), (.repro, repro)] {
            for (i, c) in claims.enumerated() {
                if c.sources.isEmpty {
                    out.append(
                        ReviewFailure(
                            field: field,
                            message: "line \(i + 1) (\"\(c.text.prefix(30))\") cites no source: add [#N], [field …] or [rule …]"))
                }
                for s in c.sources {
                    if let p = sources.problem(s) { out.append(ReviewFailure(field: field, message: "line \(i + 1): \(p)")) }
                }
            }
        }
        if toBranch.isEmpty {
            out.append(ReviewFailure(field: .owner, message: "no next owner: name the branch it goes to"))
        } else if !targets.contains(where: { $0.sameName(as: toBranch) }) {
            let allowed = targets.isEmpty ? "none: this branch has no escalation path" : targets.joined(separator: ", ")
            out.append(
                ReviewFailure(field: .owner, message: "'\(toBranch)' is not an escalation path from here (allowed: \(allowed))"))
        }
        if nextAction.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, !toBranch.isEmpty {
            out.append(
                ReviewFailure(
                    field: .nextAction, message: "no next action for \(toBranch): say what the next owner should do first"))
        }
        for (i, a) in nextActions.enumerated() where a.owner.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(ReviewFailure(field: .nextAction, message: "next action \(i + 1) names no owner"))
        }
        for m in missing where !m.acknowledged {
            out.append(ReviewFailure(field: .missing, message: "not acknowledged: \(m.text)"))
        }
        if let o = severityOverride, o.trimmingCharacters(in: .whitespaces).isEmpty {
            out.append(ReviewFailure(field: .severity, message: "a severity set by hand needs a reason"))
        }
        if sendUpdate {
            if customerUpdate.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                out.append(ReviewFailure(field: .customerUpdate, message: "the customer update to send is empty"))
            } else if let why = CustomerUpdate.refusal(customerUpdate, internalTexts: internalTexts) {
                out.append(ReviewFailure(field: .customerUpdate, message: why))
            } else if let why = CustomerUpdate.internalName(in: customerUpdate, names: internalNames) {
                out.append(ReviewFailure(field: .customerUpdate, message: why))
            }
        }
        return out
    }
}
