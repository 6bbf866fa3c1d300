import Foundation
import GRDB

/// A message as the composer cites it: its number on the ticket (from 1, oldest first).
public struct CitedMessage: Sendable, Equatable {
    public var number: Int
    public var kind: TimelineEntry.Kind
    public var author: String
    public var firstLine: String
    public var repro: Bool
}

/// Everything the escalation composer starts from: the prefilled package, where it may go,
/// and what its claims may cite.
public struct EscalationDraft: Sendable, Equatable {
    public var ticketId: Int64
    public var version: Int
    public var package: EscalationPackage
    /// Branches this ticket's branch escalates to, with their agents' handles.
    public var targets: [String]
    public var agents: [String: [String]]
    /// The targets that are engineering branches (a bug handoff wants repro steps).
    public var engineering: [String]
    public var sources: SourceContext
    /// The triggers holding now.
    public var triggers: [TriggerRecord]
    /// The update as the template gave it (re-rendered when what it says changes, unless edited).
    public var renderedUpdate: String
    /// Who a next action may name: the targets, their agents, the customer's account owner.
    public var owners: [String] = []
    /// The policy's branch names, which the customer update must not contain.
    public var internalNames: [String] = []
    /// The policy's update template and the customer-facing facts it is filled from.
    public var updateTemplate = EscalationPolicy.defaultUpdate
    public var updateFacts = CustomerUpdate.Facts(customerName: "", ticketId: 0, subject: "", team: "", agentName: "")
    /// Each target's public name, for the update's `{{team}}`.
    public var publicNames: [String: String] = [:]

    /// The package against the review checklist.
    public var failures: [ReviewFailure] {
        package.review(sources: sources, targets: targets, internalNames: internalNames)
    }

    /// The update the template gives for `p` (its next owner, repro steps and workaround).
    public func renderUpdate(for p: EscalationPackage) -> String? {
        var f = updateFacts
        f.team = publicNames[p.toBranch] ?? BranchPolicy.neutralPublicName
        f.reproduced = !p.repro.isEmpty
        f.workaround = p.workaround == .yes ? p.workaroundText : nil
        return try? CustomerUpdate.render(updateTemplate, f)
    }
}

extension EscalationPackage {
    /// What is missing from the ticket for a good handoff; items already acknowledged stay so.
    public mutating func refreshMissing(accountOwner: Bool, productArea: Bool, toEngineering: Bool) {
        var items: [MissingItem] = []
        if repro.isEmpty {
            items.append(
                MissingItem(
                    key: "repro",
                    text: toEngineering
                        ? "no reproduction steps: engineering will ask for them first"
                        : "no reproduction steps (mark a note as repro, or ask the customer)"))
        }
        if impact == nil {
            items.append(MissingItem(key: "impact", text: "impact unknown: one person, a team or the organization?"))
        }
        if workaround == nil || workaround == .unknown {
            items.append(MissingItem(key: "workaround", text: "workaround unknown"))
        }
        if !accountOwner { items.append(MissingItem(key: "account-owner", text: "no account owner for this customer")) }
        if !productArea { items.append(MissingItem(key: "product-area", text: "no product area on the ticket")) }
        missing = items.map { item in
            var i = item
            i.acknowledged = missing.first { $0.key == item.key }?.acknowledged ?? false
            return i
        }
    }
}

extension Desk {
    /// The composer's starting point for a ticket (docs/escalation.md: how each part is prefilled).
    /// `actor` nil: a read-only look (`desk escalation draft` without `--agent`); the update is
    /// then signed by the ticket's assignee, else by the team.
    public func escalationDraft(ticket id: Int64, by actor: Agent?, to branch: String? = nil) throws -> EscalationDraft {
        let now = clock.now.dbSeconds
        return try db.read { db in try escalationDraft(db, ticket: id, by: actor, to: branch, now: now) }
    }

    func escalationDraft(
        _ db: Database, ticket id: Int64, by actor: Agent?, to branch: String?, now: Int64
    ) throws -> EscalationDraft {
        guard let t = try Ticket.fetchOne(db, key: id) else { throw DeskError.unknownTicket(id) }
        let actor = try actor ?? t.assigneeId.flatMap { try Agent.fetchOne(db, key: $0) } ?? Agent(handle: "", name: "The support team")
        guard let c = try Customer.fetchOne(db, key: t.customerId) else { throw DeskError.unknownTicket(id) }
        let org = try c.organizationId.flatMap { try Organization.fetchOne(db, key: $0) }
        let from = try Self.branchName(db, id: t.branchId)
        let targets = policy.escalation.targets(from: from)
        var agents: [String: [String]] = [:]
        for name in targets {
            agents[name] = try String.fetchAll(
                db,
                sql: "SELECT a.handle FROM agents a JOIN branches b ON b.id = a.branchId WHERE b.name = ? ORDER BY a.handle",
                arguments: [name])
        }
        let messages = try Self.citedMessages(db, ticket: id)
        let triggers = try TriggerRecord.fetchAll(
            db, sql: "SELECT * FROM ticket_triggers WHERE ticketId = ? AND clearedAt IS NULL ORDER BY firedAt, id",
            arguments: [id])

        var summary: [Claim] = []
        let firstCustomer = messages.first { $0.kind == .customerMessage }
        let who = "\(c.name) (\(c.tier.rawValue)\(org.map { ", \($0.name)" } ?? ""))"
        summary.append(
            Claim(
                text: "\(who) reports: \(t.subject)",
                sources: (firstCustomer.map { [.message($0.number)] } ?? [.field("ticket.subject")]) + [.field("customer.tier")]))
        if let last = messages.last(where: { $0.kind == .customerMessage }), last.number != firstCustomer?.number {
            summary.append(Claim(text: "Latest from the customer: \"\(last.firstLine)\"", sources: [.message(last.number)]))
        }
        summary.append(
            Claim(
                text: "Priority \(t.priority.rawValue), product area \(t.productArea ?? "not set"), status \(t.status.rawValue)",
                sources: [.field("ticket.priority"), .field("ticket.product_area")]))
        for g in triggers {
            summary.append(Claim(text: g.text, sources: ClaimSource.parse(g.source).map { [$0] } ?? []))
        }
        if let note = messages.last(where: { $0.kind == .internalNote && !$0.repro }) {
            summary.append(
                Claim(text: "Last internal note (\(note.author)): \(note.firstLine)", sources: [.message(note.number)]))
        }
        // Repro notes, a claim per line, each citing its note.
        var repro: [Claim] = []
        let bodies = try String.fetchAll(
            db, sql: "SELECT body FROM messages WHERE ticketId = ? AND repro = 1 ORDER BY createdAt, id", arguments: [id])
        for (m, body) in zip(messages.filter(\.repro), bodies) {
            for line in body.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                repro.append(Claim(text: Sanitizer.singleLine(String(line)), sources: [.message(m.number)]))
            }
        }
        let severity =
            t.severityOverride == nil
            ? policy.escalation.assess(
                SeverityFacts(
                    impact: t.impact, urgency: Urgency(t.priority), workaround: t.workaround ?? .unknown, tier: c.tier))
            : SeverityAssessment(severity: t.severity ?? .sev4, rule: "override", rationale: t.severityOverride ?? "")
        let to = branch ?? targets.first ?? ""
        // A key account's owner tells the customer and logs the impact, beside the next owner's step.
        var actions: [NextAction] = []
        let owner = try c.accountOwnerId.flatMap { try Agent.fetchOne(db, key: $0) }
        if let owner, policy.escalation.triggers.customerTiers.contains(c.tier) {
            actions.append(
                NextAction(owner: owner.handle, action: "Update the customer by end of day and log the impact on the account."))
        }
        var package = EscalationPackage(
            summary: summary, repro: repro, severity: severity, severityOverride: t.severityOverride,
            customerUpdate: "", toBranch: to, nextActions: actions, missing: [])
        package.impact = t.impact
        package.workaround = t.workaround
        package.refreshMissing(
            accountOwner: c.accountOwnerId != nil, productArea: t.productArea != nil,
            toEngineering: policy.branch(named: to)?.tier == .engineering)
        var draft = EscalationDraft(
            ticketId: id, version: t.version, package: package, targets: targets, agents: agents,
            engineering: targets.filter { policy.branch(named: $0)?.tier == .engineering },
            sources: SourceContext(messages: messages.count, rules: ruleNames), triggers: triggers, renderedUpdate: "")
        draft.owners = targets + targets.flatMap { agents[$0] ?? [] } + (owner.map { [$0.handle] } ?? [])
        draft.internalNames = policy.internalBranchNames
        draft.updateTemplate = policy.escalation.customerUpdate
        draft.updateFacts = CustomerUpdate.Facts(
            customerName: c.name, ticketId: id, subject: t.subject, team: "", agentName: actor.name)
        for name in targets { draft.publicNames[name] = policy.publicName(ofBranch: name) }
        // A template that does not render was refused when the policy loaded; this throws only if it changed since.
        guard let update = draft.renderUpdate(for: package) else {
            throw DeskError.invalidRequest("the policy's escalation.customer_update does not render.")
        }
        draft.package.customerUpdate = update
        draft.renderedUpdate = update
        return draft
    }

    /// Every message of the ticket with its number, oldest first (bodies cut to their first line).
    static func citedMessages(_ db: Database, ticket id: Int64) throws -> [CitedMessage] {
        let rows = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT m.authorKind, m.visibility, m.repro, substr(m.body, 1, 200) AS head,
                           COALESCE(a.name, c.name, 'system') AS author
                    FROM messages m LEFT JOIN agents a ON a.id = m.agentId LEFT JOIN customers c ON c.id = m.customerId
                    WHERE m.ticketId = ? ORDER BY m.createdAt, m.id
                    """), arguments: [id])
        return rows.enumerated().map { i, r in
            let kind: TimelineEntry.Kind =
                switch (r["authorKind"] as String, r["visibility"] as String) {
                case ("customer", _): .customerMessage
                case (_, "internal"): .internalNote
                case ("system", _): .systemMessage
                default: .publicReply
                }
            let head: String = r["head"]
            let first = head.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return CitedMessage(
                number: i + 1, kind: kind, author: r["author"], firstLine: Sanitizer.singleLine(String(first.prefix(80))),
                repro: r["repro"])
        }
    }

    /// The names a `[rule …]` source may cite.
    var ruleNames: Set<String> {
        var out: Set<String> = ["escalation.paths", "lifecycle.repeat_window_days"]
        for row in policy.escalation.rubric { out.insert("escalation.severity.\(row.name)") }
        for key in [
            "severity", "customer_tier", "sla_at_risk", "repeated_ticket", "customer_messages_without_resolution",
            "engineering_without_repro", "open_incident",
        ] { out.insert("escalation.triggers.\(key)") }
        for p in policy.sla.policies {
            out.insert("sla.\(p.name)")
            for t in p.targets { out.insert("sla.\(p.name).\(t.kind.rawValue)") }
        }
        return out
    }
}
