import Foundation
import Yams

extension Policy {
    static func readEscalation(_ r: inout PolicyReader, _ node: Node, branches: [BranchPolicy]) -> EscalationPolicy {
        var e = EscalationPolicy()
        guard let m = r.mapping(node, "escalation") else { return e }
        r.checkKeys(m, "escalation", allowed: ["paths", "act_within_minutes", "triggers", "severity", "customer_update"])
        if let n = m["paths"] { e.paths = readPaths(&r, n, branches: branches) }
        if let n = m["act_within_minutes"], let v = r.integer(n, "escalation.act_within_minutes", min: 1) {
            e.actWithinMinutes = v
        }
        if let n = m["triggers"] { e.triggers = readTriggers(&r, n) }
        if let n = m["severity"] { e.rubric = readRubric(&r, n) }
        if let n = m["customer_update"], let s = r.string(n, "escalation.customer_update") {
            let unknown = CustomerUpdate.unknownPlaceholders(in: s)
            if !unknown.isEmpty {
                r.fail(
                    n, "escalation.customer_update",
                    "unknown placeholder \(unknown.map { "{{\($0)}}" }.joined(separator: ", ")) (expected: \(CustomerUpdate.placeholders.joined(separator: ", ")))"
                )
            } else if (try? CustomerUpdate.render(
                s, CustomerUpdate.Facts(customerName: "", ticketId: 0, subject: "", team: "", agentName: ""))) == nil
            {
                r.fail(n, "escalation.customer_update", "not a valid Mustache template")
            } else {
                e.customerUpdate = s
            }
        }
        return e
    }

    static func readPaths(_ r: inout PolicyReader, _ node: Node, branches: [BranchPolicy]) -> [EscalationPath] {
        guard let items = r.sequence(node, "escalation.paths") else { return [] }
        var out: [EscalationPath] = []
        for (i, item) in items.enumerated() {
            let path = "escalation.paths[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(m, path, allowed: ["from", "to"])
            guard let fromNode = m["from"], let from = r.string(fromNode, path + ".from") else {
                if m["from"] == nil { r.fail(item, path + ".from", "missing: the branch that escalates") }
                continue
            }
            guard let toNode = m["to"], let to = r.strings(toNode, path + ".to") else {
                if m["to"] == nil { r.fail(item, path + ".to", "missing: the branches it escalates to") }
                continue
            }
            checkBranch(&r, fromNode, path + ".from", from, in: branches)
            let source = branches.first { $0.name.sameName(as: from) }
            var targets: [String] = []
            for name in to {
                checkBranch(&r, toNode, path + ".to", name, in: branches)
                guard let target = branches.first(where: { $0.name.sameName(as: name) }) else {
                    continue
                }
                if let source, target.tier.level <= source.tier.level {
                    r.fail(
                        toNode, path + ".to",
                        "'\(target.name)' (\(target.tier.rawValue)) is not above '\(source.name)' (\(source.tier.rawValue)): escalation goes up a tier"
                    )
                }
                targets.append(target.name)
            }
            out.append(EscalationPath(from: source?.name ?? from, to: targets, line: item.mark?.line ?? 0))
        }
        return out
    }

    static func readTriggers(_ r: inout PolicyReader, _ node: Node) -> TriggerSettings {
        var t = TriggerSettings()
        let p = "escalation.triggers"
        guard let m = r.mapping(node, p) else { return t }
        r.checkKeys(
            m, p,
            allowed: [
                "severity", "customer_tier", "sla_at_risk", "repeated_ticket", "customer_messages_without_resolution",
                "engineering_without_repro", "open_incident",
            ])
        if let n = m["severity"] { t.severityAtLeast = r.value(n, p + ".severity", what: "severity") }
        if let n = m["customer_tier"] { t.customerTiers = r.values(n, p + ".customer_tier", what: "customer tier") ?? [] }
        if let n = m["sla_at_risk"] {
            let s = n.scalar?.string ?? ""
            if s.hasSuffix("%"), let v = Int(s.dropLast()), (1...99).contains(v) {
                t.slaAtRiskPercent = v
            } else {
                r.fail(n, p + ".sla_at_risk", "expected a percentage of a target left, 1% to 99% (like 25%)")
            }
        }
        t.repeatedTicket = m["repeated_ticket"].flatMap { r.boolean($0, p + ".repeated_ticket") } ?? false
        if let n = m["customer_messages_without_resolution"] {
            t.customerMessagesWithoutResolution = r.integer(n, p + ".customer_messages_without_resolution", min: 1)
        }
        t.engineeringWithoutRepro =
            m["engineering_without_repro"].flatMap { r.boolean($0, p + ".engineering_without_repro") } ?? false
        t.openIncident = m["open_incident"].flatMap { r.boolean($0, p + ".open_incident") } ?? false
        return t
    }

    static func readRubric(_ r: inout PolicyReader, _ node: Node) -> [SeverityRow] {
        guard let items = r.sequence(node, "escalation.severity") else { return [] }
        var out: [SeverityRow] = []
        for (i, item) in items.enumerated() {
            let path = "escalation.severity[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(m, path, allowed: ["name", "when", "severity", "rationale"])
            let name = m["name"].flatMap { r.string($0, path + ".name") } ?? ""
            if m["name"] == nil { r.fail(item, path + ".name", "missing: every rubric row needs a name (it is cited)") }
            if !name.isEmpty, out.contains(where: { $0.name == name }) {
                r.fail(m["name"], path + ".name", "duplicate rubric row name '\(name)'")
            }
            var severity = Severity.sev4
            if let n = m["severity"] {
                severity = r.value(n, path + ".severity", what: "severity") ?? severity
            } else {
                r.fail(item, path + ".severity", "missing: expected one of: sev1, sev2, sev3, sev4")
            }
            let rationale = m["rationale"].flatMap { r.string($0, path + ".rationale") } ?? ""
            if m["rationale"] == nil { r.fail(item, path + ".rationale", "missing: the text agents see as the reason") }
            var row = SeverityRow(name: name, severity: severity, rationale: rationale, line: item.mark?.line ?? 0)
            if let when = m["when"], let c = r.mapping(when, path + ".when") {
                let w = path + ".when"
                r.checkKeys(c, w, allowed: ["impact", "urgency", "workaround", "customer_tier"])
                row.impact = c["impact"].flatMap { r.values($0, w + ".impact", what: "impact") }
                row.urgency = c["urgency"].flatMap { r.values($0, w + ".urgency", what: "urgency") }
                row.workaround = c["workaround"].flatMap { r.values($0, w + ".workaround", what: "workaround") }
                row.customerTiers = c["customer_tier"].flatMap { r.values($0, w + ".customer_tier", what: "customer tier") }
            }
            out.append(row)
        }
        if let last = out.last, last.impact != nil || last.urgency != nil || last.workaround != nil || last.customerTiers != nil {
            r.fail(
                items.last, "escalation.severity[\(out.count)]",
                "the last rubric row must have no 'when', so every ticket gets a severity")
        }
        return out
    }
}

extension BranchTier {
    /// tier1 < tier2 < engineering.
    public var level: Int {
        switch self {
        case .tier1: 1
        case .tier2: 2
        case .engineering: 3
        }
    }
}
