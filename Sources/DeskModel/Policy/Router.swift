import Foundation

/// What routing looks at: the facts of a new (or re-routed) ticket.
public struct RoutingInput: Sendable, Equatable {
    public var channel: Channel
    public var recipient: String?
    public var customerTier: CustomerTier
    public var organization: String?
    public var productArea: String?
    public var subject: String
    /// The first message, for keyword rules.
    public var body: String
    public var language: String?
    /// What the policy's keyword patterns find in this subject and body, when worked out
    /// beforehand (an imported mail, on the parsing core); otherwise routing matches them itself.
    public var keywords: KeywordFindings?

    public init(
        channel: Channel, recipient: String? = nil, customerTier: CustomerTier = .standard, organization: String? = nil,
        productArea: String? = nil, subject: String, body: String = "", language: String? = nil
    ) {
        self.channel = channel; self.recipient = recipient; self.customerTier = customerTier
        self.organization = organization; self.productArea = productArea; self.subject = subject
        self.body = body; self.language = language
    }
}

/// One condition of one rule, checked: what it wanted, what the ticket had, and the verdict.
public struct ConditionCheck: Sendable, Equatable {
    public var key: String
    public var wanted: String
    public var actual: String
    public var holds: Bool
}

/// How one rule fared.
public struct RuleTrial: Sendable, Equatable {
    public var rule: String
    public var line: Int
    public var branch: String
    public var checks: [ConditionCheck]
    public var matched: Bool { checks.allSatisfy(\.holds) }
}

/// Where a ticket goes and why: the rule that matched (nil: the default branch) and every rule tried.
public struct RoutingDecision: Sendable, Equatable {
    public var branch: String
    public var rule: String?
    public var trials: [RuleTrial]

    /// The stored reason: the rule's name, or `default`.
    public var reason: String { rule ?? "default" }

    /// The text of `desk ticket route N --explain`.
    public func explanation() -> String {
        var lines: [String] = []
        for t in trials {
            let verdict = t.matched ? "MATCH → \(t.branch)" : "no match"
            lines.append("rule \(t.rule) (line \(t.line)): \(verdict)")
            if t.checks.isEmpty { lines.append("    (no conditions: matches every ticket)") }
            for c in t.checks {
                lines.append("    \(c.holds ? "✓" : "✗") \(c.key): wanted \(c.wanted); ticket has \(c.actual)")
            }
        }
        if rule == nil { lines.append("no rule matched: default branch \(branch)") }
        lines.append("→ \(branch) (\(rule.map { "routed by rule \($0)" } ?? "default branch"))")
        return lines.joined(separator: "\n")
    }
}

/// Applies the policy's routing rules in order; the first match wins.
public enum Router {
    public static func route(_ input: RoutingInput, policy: Policy) -> RoutingDecision {
        var trials: [RuleTrial] = []
        for rule in policy.routing {
            let trial = RuleTrial(rule: rule.name, line: rule.line, branch: rule.branch, checks: checks(rule, input))
            trials.append(trial)
            if trial.matched { return RoutingDecision(branch: rule.branch, rule: rule.name, trials: trials) }
        }
        return RoutingDecision(branch: policy.defaultBranch, rule: nil, trials: trials)
    }

    static func checks(_ rule: RoutingRule, _ t: RoutingInput) -> [ConditionCheck] {
        var out: [ConditionCheck] = []
        func list(_ values: [String]) -> String { values.count == 1 ? values[0] : "one of " + values.joined(separator: ", ") }
        func shown(_ s: String?) -> String { s.map { "'\($0)'" } ?? "none" }
        if let channels = rule.channels {
            out.append(
                ConditionCheck(
                    key: "channel", wanted: list(channels.map(\.rawValue)), actual: t.channel.rawValue,
                    holds: channels.contains(t.channel)))
        }
        // The text conditions: a list of wanted values against one optional fact of the ticket.
        func text(_ key: String, _ wanted: [String]?, _ actual: String?, _ matches: (String, String) -> Bool) {
            guard let wanted else { return }
            let holds = actual.map { a in wanted.contains { matches(a, $0) } } ?? false
            out.append(ConditionCheck(key: key, wanted: list(wanted), actual: shown(actual), holds: holds))
        }
        func sameText(_ a: String, _ b: String) -> Bool { a.sameName(as: b) }
        text("recipient", rule.recipients, t.recipient) { addressMatches($0, pattern: $1) }
        if let tiers = rule.customerTiers {
            out.append(
                ConditionCheck(
                    key: "customer_tier", wanted: list(tiers.map(\.rawValue)), actual: t.customerTier.rawValue,
                    holds: tiers.contains(t.customerTier)))
        }
        text("organization", rule.organizations, t.organization, sameText)
        text("product_area", rule.productAreas, t.productArea, sameText)
        if let pattern = rule.keywords {
            let found =
                t.keywords?.finding(pattern, subject: t.subject, body: t.body) ?? keywordFinding(pattern, t.subject, t.body)
            out.append(
                ConditionCheck(
                    key: "keywords", wanted: "/\(pattern)/", actual: found ?? "no match in subject or first message",
                    holds: found != nil))
        }
        text("language", rule.languages, t.language) { languageMatches($0, wanted: $1) }
        return out
    }

    /// `*@billing.example` matches any address at that domain; otherwise the whole address, any case.
    static func addressMatches(_ address: String, pattern: String) -> Bool {
        let a = address.lowercased(), p = pattern.lowercased()
        if p.hasPrefix("*@") { return a.hasSuffix(String(p.dropFirst(1))) }
        return a == p
    }

    /// `de` matches `de` and `de-AT`; `de-AT` matches only `de-AT`.
    static func languageMatches(_ tag: String, wanted: String) -> Bool {
        let t = tag.lowercased().replacingOccurrences(of: "_", with: "-"), w = wanted.lowercased()
        return t == w || t.hasPrefix(w + "-")
    }

    /// Where a keyword pattern matches: "'refund' in the subject", else in the first message; nil for neither.
    static func keywordFinding(_ pattern: String, _ subject: String, _ body: String) -> String? {
        firstMatch(pattern, in: subject).map { "'\($0)' in the subject" }
            ?? firstMatch(pattern, in: body).map { "'\($0)' in the first message" }
    }

    static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let re = CompiledPatterns.shared.regex(pattern) else { return nil }
        let ns = text as NSString
        guard let m = re.firstMatch(in: text, range: NSRange(location: 0, length: min(ns.length, 20_000))) else { return nil }
        return ns.substring(with: m.range)
    }
}

/// Keyword patterns compiled once per process: compiling one for every new ticket was a sixth
/// of routing an imported mail. Policies hold a handful of patterns, so the cache stays small.
final class CompiledPatterns: @unchecked Sendable {
    static let shared = CompiledPatterns()
    private let lock = NSLock()
    private var compiled: [String: NSRegularExpression?] = [:]

    /// The case-insensitive expression, or nil when the pattern does not compile.
    func regex(_ pattern: String) -> NSRegularExpression? {
        lock.lock()
        defer { lock.unlock() }
        if let known = compiled[pattern] { return known }
        let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        compiled[pattern] = re
        return re
    }
}

/// Every keyword pattern of a policy matched against one subject and first message ahead of
/// routing: the regular expressions are the costliest part of routing a new ticket, and an
/// import can run them on the core that parses mail instead of inside the write transaction.
public struct KeywordFindings: Sendable, Equatable {
    let subject: String
    let body: String
    /// Pattern → what it found (`keywordFinding`), nil when it matched nothing.
    let found: [String: String?]

    public init(policy: Policy, subject: String, body: String) {
        self.subject = subject
        self.body = body
        var found: [String: String?] = [:]
        for pattern in policy.routing.compactMap(\.keywords) where found[pattern] == nil {
            found[pattern] = .some(Router.keywordFinding(pattern, subject, body))
        }
        self.found = found
    }

    /// The finding for `pattern`, if it was worked out for this very subject and body
    /// (`.some(nil)`: it matches nothing); nil when routing must match it itself.
    func finding(_ pattern: String, subject: String, body: String) -> String?? {
        guard subject == self.subject, body == self.body else { return nil }
        return found[pattern]
    }
}
