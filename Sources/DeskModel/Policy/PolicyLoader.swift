import Foundation
import Yams

extension Policy {
    /// The sections a policy file may have (this release).
    static let sections = [
        "lifecycle", "branches", "default_branch", "routing", "roles", "calendars", "sla", "escalation", "replies", "mail",
        "notifications", "assignment",
    ]

    /// Reads and validates a policy file; every problem is reported at once, with file, line and key.
    /// Problems name the file as it was given, so `--policy ../x/policy.yaml` points at the right one.
    public static func load(path: String) throws -> Policy {
        // A file that cannot be read is not an invalid policy: its FileProblem says why.
        let data = try Files.read(path)
        let text: String
        do {
            text = try StoredText.decode(data, field: "the file")
        } catch let refusal as TextRefusal {
            let line = StoredText.line(ofByte: refusal.offset, in: data)
            throw PolicyError(issues: [PolicyIssue(file: path, line: line, key: "", message: refusal.description)])
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws -> Policy {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw PolicyError(issues: [syntaxIssue(error, file: file)])
        }
        var r = PolicyReader(file: file)
        guard let root, let top = r.mapping(root, "") else {
            if root == nil { r.fail(nil, "", "the file is empty (expected the sections: \(sections.joined(separator: ", ")))") }
            throw PolicyError(issues: r.issues)
        }
        r.checkKeys(top, "", allowed: sections)
        let lifecycle = top["lifecycle"].map { readLifecycle(&r, $0) } ?? LifecyclePolicy()
        let branches = top["branches"].map { readBranches(&r, $0) } ?? []
        if top["branches"] == nil { r.fail(root, "branches", "missing: at least one branch is required") }
        var defaultBranch = ""
        if let node = top["default_branch"] {
            if let name = r.string(node, "default_branch") {
                defaultBranch = name
                checkBranch(&r, node, "default_branch", name, in: branches)
            }
        } else {
            r.fail(root, "default_branch", "missing: name the branch tickets go to when no rule matches")
        }
        let routing = top["routing"].map { readRules(&r, $0, branches: branches) } ?? []
        let roles = top["roles"].map { readRoles(&r, $0) } ?? RolePolicy.defaults
        let calendars = top["calendars"].map { readCalendars(&r, $0) } ?? []
        let sla = top["sla"].map { readSLA(&r, $0, calendars: calendars, branches: branches) } ?? []
        let escalation = top["escalation"].map { readEscalation(&r, $0, branches: branches) } ?? EscalationPolicy()
        let replies = top["replies"].map { readReplies(&r, $0) } ?? ReplyPolicy()
        let mail = top["mail"].map { readMail(&r, $0) } ?? MailPolicy()
        let notifications = top["notifications"].map { readNotifications(&r, $0) } ?? NotificationPolicy()
        let assignment = top["assignment"].map { readAssignment(&r, $0) } ?? AssignmentPolicy()
        guard r.issues.isEmpty else { throw PolicyError(issues: r.issues) }
        let canonical = branches.first { $0.name.sameName(as: defaultBranch) }?.name
        var policy = Policy(
            branches: branches, defaultBranch: canonical ?? defaultBranch, routing: routing, roles: roles,
            lifecycle: lifecycle, sla: SLASettings(calendars: calendars, policies: sla), escalation: escalation)
        policy.replies = replies
        policy.mail = mail
        policy.notifications = notifications
        policy.assignment = assignment
        return policy
    }

    /// A YAML syntax error at the line where the parser noticed it, naming also where the broken
    /// construct began (a `[` left open on line 3 is noticed on line 4 or later). `lineOffset`
    /// counts lines above the YAML text (a template's `---`).
    static func syntaxIssue(_ error: YamlError, file: String, lineOffset: Int = 0) -> PolicyIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "not valid YAML: \(problem)"
            if let context, !context.text.isEmpty {
                let began =
                    context.mark.line == mark.line
                    ? "column \(context.mark.column) of this line"
                    : "line \(context.mark.line + lineOffset), column \(context.mark.column)"
                message += " (\(context.text) that began at \(began))"
            }
            return PolicyIssue(file: file, line: mark.line + lineOffset, key: "", message: message)
        default:
            return PolicyIssue(file: file, line: 1 + lineOffset, key: "", message: "not valid YAML: \(error)")
        }
    }

    static func checkBranch(_ r: inout PolicyReader, _ node: Node, _ key: String, _ name: String, in branches: [BranchPolicy]) {
        guard !branches.isEmpty, !branches.contains(where: { $0.name.sameName(as: name) }) else {
            return
        }
        r.fail(node, key, "unknown branch '\(name)' (expected one of: \(branches.map(\.name).joined(separator: ", ")))")
    }

    static func readLifecycle(_ r: inout PolicyReader, _ node: Node) -> LifecyclePolicy {
        var l = LifecyclePolicy()
        guard let m = r.mapping(node, "lifecycle") else { return l }
        r.checkKeys(m, "lifecycle", allowed: ["auto_close_after_days", "repeat_window_days"])
        if let n = m["auto_close_after_days"], let v = r.integer(n, "lifecycle.auto_close_after_days", min: 1) {
            l.autoCloseDays = v
        }
        if let n = m["repeat_window_days"], let v = r.integer(n, "lifecycle.repeat_window_days", min: 1) {
            l.repeatWindowDays = v
        }
        return l
    }

    static func readBranches(_ r: inout PolicyReader, _ node: Node) -> [BranchPolicy] {
        guard let items = r.sequence(node, "branches") else { return [] }
        var out: [BranchPolicy] = []
        for (i, item) in items.enumerated() {
            let path = "branches[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(m, path, allowed: ["name", "tier", "assignment", "capacity", "address", "public_name"])
            guard let nameNode = m["name"] else {
                r.fail(item, path + ".name", "missing: every branch needs a name")
                continue
            }
            guard let name = r.string(nameNode, path + ".name") else { continue }
            if out.contains(where: { $0.name.sameName(as: name) }) {
                r.fail(nameNode, path + ".name", "duplicate branch name '\(name)'")
            }
            var tier = BranchTier.tier1
            if let n = m["tier"] {
                tier = r.value(n, path + ".tier", what: "tier") ?? tier
            } else {
                r.fail(item, path + ".tier", "missing: expected one of: tier1, tier2, engineering")
            }
            let mode: AssignmentMode =
                m["assignment"].flatMap { r.value($0, path + ".assignment", what: "assignment mode") } ?? .manual
            let capacity = m["capacity"].flatMap { r.integer($0, path + ".capacity", min: 1) }
            var branch = BranchPolicy(name: name, tier: tier, assignment: mode, capacity: capacity, line: item.mark?.line ?? 0)
            if let n = m["address"], let a = r.string(n, path + ".address") {
                if OutboundMail.address(in: a) == nil {
                    r.fail(n, path + ".address", "'\(a)' is not an address (expected name@domain or Name <name@domain>)")
                }
                branch.address = a
            }
            if let n = m["public_name"], let p = r.string(n, path + ".public_name") {
                let t = p.trimmingCharacters(in: .whitespaces)
                if t.isEmpty { r.fail(n, path + ".public_name", "empty: give the name customers read, or leave the key out") }
                branch.publicName = t.isEmpty ? nil : t
            }
            out.append(branch)
        }
        return out
    }

    static let conditionKeys = [
        "channel", "recipient", "customer_tier", "organization", "product_area", "keywords", "language",
    ]

    static func readRules(_ r: inout PolicyReader, _ node: Node, branches: [BranchPolicy]) -> [RoutingRule] {
        guard let items = r.sequence(node, "routing") else { return [] }
        var out: [RoutingRule] = []
        for (i, item) in items.enumerated() {
            let path = "routing[\(i + 1)]"
            guard let m = r.mapping(item, path) else { continue }
            r.checkKeys(m, path, allowed: ["name", "when", "branch"])
            var name = ""
            if let n = m["name"], let s = r.string(n, path + ".name") {
                name = s
                if out.contains(where: { $0.name == s }) { r.fail(n, path + ".name", "duplicate rule name '\(s)'") }
            } else if m["name"] == nil {
                r.fail(item, path + ".name", "missing: every rule needs a name (it is shown as the reason for a route)")
            }
            var branch = ""
            if let n = m["branch"], let s = r.string(n, path + ".branch") {
                checkBranch(&r, n, path + ".branch", s, in: branches)
                branch = branches.first { $0.name.sameName(as: s) }?.name ?? s
            } else if m["branch"] == nil {
                r.fail(item, path + ".branch", "missing: the branch this rule routes to")
            }
            var rule = RoutingRule(name: name, branch: branch, line: item.mark?.line ?? 0)
            if let when = m["when"], let c = r.mapping(when, path + ".when") {
                let p = path + ".when"
                r.checkKeys(c, p, allowed: conditionKeys)
                rule.channels = c["channel"].flatMap { r.values($0, p + ".channel", what: "channel") }
                rule.recipients = c["recipient"].flatMap { r.strings($0, p + ".recipient") }
                rule.customerTiers = c["customer_tier"].flatMap { r.values($0, p + ".customer_tier", what: "customer tier") }
                rule.organizations = c["organization"].flatMap { r.strings($0, p + ".organization") }
                rule.productAreas = c["product_area"].flatMap { r.strings($0, p + ".product_area") }
                rule.languages = c["language"].flatMap { r.strings($0, p + ".language") }
                if let k = c["keywords"], let pattern = r.string(k, p + ".keywords") {
                    do {
                        _ = try NSRegularExpression(pattern: pattern)
                        rule.keywords = pattern
                    } catch {
                        r.fail(k, p + ".keywords", "bad regular expression '\(pattern)' (expected an ICU regular expression)")
                    }
                }
            }
            out.append(rule)
        }
        return out
    }

    static func readRoles(_ r: inout PolicyReader, _ node: Node) -> [AgentRole: RolePolicy] {
        var roles = RolePolicy.defaults
        guard let m = r.mapping(node, "roles") else { return roles }
        for (k, v) in m {
            let key = "roles." + (k.string ?? "")
            guard let role: AgentRole = r.value(k, key, what: "role") else { continue }
            guard let spec = r.mapping(v, key) else { continue }
            r.checkKeys(spec, key, allowed: ["can", "statuses"])
            var policy = RolePolicy.defaults[role] ?? RolePolicy(can: [])
            if let can = spec["can"] {
                if can.scalar?.string == "all" {
                    policy.can = Set(Permission.allCases)
                } else if let list: [Permission] = r.values(can, key + ".can", what: "permission") {
                    policy.can = Set(list)
                }
            }
            if let st = spec["statuses"], let list: [TicketStatus] = r.values(st, key + ".statuses", what: "status") {
                policy.statuses = Set(list)
            }
            roles[role] = policy
        }
        return roles
    }
}
