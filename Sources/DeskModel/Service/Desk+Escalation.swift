import Foundation
import GRDB

/// Escalation through the one write path: request with a reviewed package, accept, return
/// (a bounce), resolve, withdraw, de-escalate; severity facts and overrides; repro notes.
extension Desk {
    /// Requests an escalation with `package` after the review checklist passes. The ticket moves
    /// to the next owner's branch (and agent, if named); the active triggers count as acted on;
    /// the customer update goes out as a public reply only when the package says to send it.
    @discardableResult
    public func escalate(
        ticket id: Int64, package: EscalationPackage, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Escalation {
        try check(actor, may: .escalate)
        try Self.validateTexts(package)
        var created: Escalation?
        try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "escalation.requested") { db, ticket, now in
            guard ticket.status.isActive else {
                throw DeskError.invalidRequest(
                    "ticket #\(id) is \(ticket.status.rawValue): only an unsolved ticket can be escalated.")
            }
            if let open = try Self.openEscalation(db, ticket: id) {
                throw DeskError.invalidRequest(
                    "ticket #\(id) already has escalation #\(open.id!) \(open.state.rawValue); it must be returned, resolved or withdrawn first."
                )
            }
            let draft = try escalationDraft(db, ticket: id, by: actor, to: package.toBranch, now: now.dbSeconds)
            var package = package
            // The next owner's own step first: one-line views show the first action.
            package.nextActions =
                package.nextActions.filter { package.isNextOwner($0.owner) }
                + package.nextActions.filter { !package.isNextOwner($0.owner) }
            let customer = try Customer.fetchOne(db, key: ticket.customerId)
            package.refreshMissing(
                accountOwner: customer?.accountOwnerId != nil, productArea: ticket.productArea != nil,
                toEngineering: policy.branch(named: package.toBranch)?.tier == .engineering)
            let notes = try String.fetchAll(
                db, sql: "SELECT body FROM messages WHERE ticketId = ? AND visibility = 'internal'", arguments: [id])
            var failures = package.review(sources: draft.sources, targets: draft.targets, internalNames: draft.internalNames)
            if package.sendUpdate, let why = CustomerUpdate.refusal(package.customerUpdate, internalTexts: notes) {
                failures.append(ReviewFailure(field: .customerUpdate, message: why))
            }
            let toId = try Self.branchId(db, named: package.toBranch)
            var toAgentId: Int64?
            if let handle = package.toAgent {
                let a = try Self.agent(db, handle: handle)
                if a.branchId != toId {
                    failures.append(ReviewFailure(field: .owner, message: "\(handle) is not in \(package.toBranch)"))
                }
                toAgentId = a.id
            }
            guard failures.isEmpty else { throw DeskError.reviewFailed(failures.map { "\($0.field.label): \($0.message)" }) }

            // Rubric facts filled in while composing, and a severity set by hand.
            if let i = package.impact { ticket.impact = i }
            if let w = package.workaround { ticket.workaround = w }
            if let reason = package.severityOverride {
                ticket.severity = package.severity.severity
                ticket.severityOverride = reason
                ticket.severityRule = nil
            }
            let window = Int64(policy.escalation.actWithinMinutes) * 60
            let late = draft.triggers.contains { $0.isLate(now: now.dbSeconds, window: window) }
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            var e = Escalation(
                ticketId: id, fromBranchId: ticket.branchId, fromAgentId: actor.id, toBranchId: toId, toAgentId: toAgentId,
                state: .requested, triggers: String(decoding: try enc.encode(draft.triggers), as: UTF8.self),
                package: String(decoding: try enc.encode(package), as: UTF8.self), createdAt: now, updatedAt: now,
                late: late)
            try e.insert(db)
            try db.execute(
                sql: "UPDATE ticket_triggers SET actedAt = ? WHERE ticketId = ? AND clearedAt IS NULL AND actedAt IS NULL",
                arguments: [now.dbSeconds, id])
            let fromBranch = try Self.branchName(db, id: ticket.branchId) ?? ""
            ticket.branchId = toId
            ticket.assigneeId = toAgentId
            ticket.routedBy = "escalation #\(e.id!)"
            if package.sendUpdate {
                var m = Message(
                    ticketId: id, authorKind: .agent, agentId: actor.id, visibility: .public, channel: ticket.channel,
                    body: package.customerUpdate, createdAt: now)
                try m.insertRow(db)
                if ticket.status == .new { ticket.status = .open }
            }
            created = e
            return [
                "escalation": String(e.id!), "from": fromBranch, "to": package.toBranch, "toAgent": package.toAgent ?? "",
                "severity": package.severity.severity.rawValue, "late": late ? "yes" : "no",
                "update": package.sendUpdate ? "sent" : "not sent",
            ]
        }
        return created!
    }

    /// The receiving side takes the case: the accepting agent owns the ticket.
    @discardableResult
    public func acceptEscalation(_ eid: Int64, by actor: Agent) throws -> Escalation {
        try step(eid, by: actor, kind: "escalation.accepted", from: [.requested], receiving: true) { e, ticket, now in
            e.state = .accepted
            e.acceptedAt = now
            e.acceptedById = actor.id
            ticket.assigneeId = actor.id
            return [:]
        }
    }

    /// The receiving side sends it back, with a reason: the ticket returns to the branch and
    /// agent it came from, and the return counts as a bounce.
    @discardableResult
    public func returnEscalation(_ eid: Int64, reason: String, by actor: Agent) throws -> Escalation {
        let why = try Self.requiredReason(reason, for: "returning an escalation")
        return try step(eid, by: actor, kind: "escalation.returned", from: [.requested, .accepted], receiving: true) {
            e, ticket, now in
            e.state = .returned
            e.returnedAt = now
            e.reason = why
            Self.sendBack(&ticket, from: e, "returned from")
            return ["reason": why]
        }
    }

    /// The receiving side is done; the ticket stays with it until someone de-escalates it.
    @discardableResult
    public func resolveEscalation(_ eid: Int64, reason: String?, by actor: Agent) throws -> Escalation {
        try StoredText.validate(reason, field: "the reason")
        return try step(eid, by: actor, kind: "escalation.resolved", from: [.accepted], receiving: true) { e, _, now in
            e.state = .resolved
            e.resolvedAt = now
            e.reason = reason
            return ["reason": reason ?? ""]
        }
    }

    /// The requester calls it off before it is accepted: the ticket comes back.
    @discardableResult
    public func withdrawEscalation(_ eid: Int64, reason: String?, by actor: Agent) throws -> Escalation {
        try StoredText.validate(reason, field: "the reason")
        return try step(eid, by: actor, kind: "escalation.withdrawn", from: [.requested], receiving: false) { e, ticket, now in
            e.state = .withdrawn
            e.withdrawnAt = now
            e.reason = reason
            Self.sendBack(&ticket, from: e, "withdrawn from")
            return ["reason": reason ?? ""]
        }
    }

    /// Hands a ticket back to the tier-1 branch and agent of its latest escalation; an accepted
    /// escalation is resolved by it. The explicit way down.
    @discardableResult
    public func deescalate(ticket id: Int64, reason: String?, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        try check(actor, may: .escalate)
        try StoredText.validate(reason, field: "the reason")
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.deescalated") {
            db, ticket, now in
            guard
                var e = try Escalation.fetchOne(
                    db,
                    sql:
                        "SELECT * FROM escalations WHERE ticketId = ? AND state IN ('accepted','resolved') ORDER BY id DESC LIMIT 1",
                    arguments: [id])
            else { throw DeskError.invalidRequest("ticket #\(id) has no accepted or resolved escalation to come back from.") }
            guard ticket.branchId == e.toBranchId else {
                throw DeskError.invalidRequest("ticket #\(id) is no longer in the branch escalation #\(e.id!) sent it to.")
            }
            if e.state == .accepted {
                e.state = .resolved
                e.resolvedAt = now
                e.reason = reason ?? "de-escalated"
                e.updatedAt = now
                try e.update(db)
            }
            let from = try Self.branchName(db, id: e.fromBranchId) ?? ""
            Self.sendBack(&ticket, from: e, "de-escalated from")
            return ["escalation": String(e.id!), "to": from, "reason": reason ?? ""]
        }
    }

    /// The ticket goes back to the branch and agent the escalation came from; the header says how.
    static func sendBack(_ ticket: inout Ticket, from e: Escalation, _ how: String) {
        ticket.branchId = e.fromBranchId
        ticket.assigneeId = e.fromAgentId
        ticket.routedBy = "\(how) escalation #\(e.id!)"
    }

    /// One step of an escalation's life, as a write to its ticket (version bump, event).
    private func step(
        _ eid: Int64, by actor: Agent, kind: String, from allowed: [EscalationState], receiving: Bool,
        _ body: @escaping (inout Escalation, inout Ticket, Date) throws -> [String: String]
    ) throws -> Escalation {
        try check(actor, may: .escalate)
        guard let found = try db.read({ try Escalation.fetchOne($0, key: eid) }) else {
            throw DeskError.invalidRequest("no escalation #\(eid).")
        }
        var result = found
        try change(ticket: found.ticketId, by: actor, expectedVersion: nil, kind: kind) { db, ticket, now in
            guard var e = try Escalation.fetchOne(db, key: eid) else { throw DeskError.invalidRequest("no escalation #\(eid).") }
            guard allowed.contains(e.state) else {
                throw DeskError.invalidRequest(
                    "escalation #\(eid) is \(e.state.rawValue); only a \(allowed.map(\.rawValue).joined(separator: " or ")) one can be \(kind.dropFirst("escalation.".count))."
                )
            }
            try Self.checkSide(db, e, actor: actor, receiving: receiving)
            var data = try body(&e, &ticket, now)
            e.updatedAt = now
            try e.update(db)
            data["escalation"] = String(eid)
            result = e
            return data
        }
        return result
    }

    /// Accept, return and resolve belong to the receiving branch (or its named agent); withdraw to
    /// the requester; leads and admins may do either.
    static func checkSide(_ db: Database, _ e: Escalation, actor: Agent, receiving: Bool) throws {
        if actor.role == .lead || actor.role == .admin { return }
        if receiving {
            if let named = e.toAgentId, named != actor.id, actor.branchId == e.toBranchId {
                let who = try String.fetchOne(db, sql: "SELECT handle FROM agents WHERE id = ?", arguments: [named]) ?? "?"
                throw DeskError.invalidRequest(
                    "escalation #\(e.id!) was sent to \(who) by name; \(actor.handle) cannot act on it.")
            }
            guard actor.branchId == e.toBranchId || actor.id == e.toAgentId else {
                let b = try branchName(db, id: e.toBranchId) ?? "?"
                throw DeskError.invalidRequest("escalation #\(e.id!) waits for \(b); \(actor.handle) is not in that branch.")
            }
        } else if actor.id != e.fromAgentId {
            throw DeskError.invalidRequest("only the agent who requested escalation #\(e.id!) (or a lead) can withdraw it.")
        }
    }

    /// Every text of a package, checked as every stored text is (`StoredText`).
    static func validateTexts(_ p: EscalationPackage) throws {
        try StoredText.validate(p.summary.map(\.text), field: "the package's summary")
        try StoredText.validate(p.repro.map(\.text), field: "the package's reproduction steps")
        try StoredText.validate(p.severity.rationale, field: "the severity rationale")
        try StoredText.validate(p.severity.rule, field: "the severity rule")
        try StoredText.validate(p.severityOverride, field: "the severity override")
        try StoredText.validate(p.customerUpdate, field: "the customer update")
        try StoredText.validate(p.nextActions.map(\.action), field: "the next actions")
        try StoredText.validate(p.nextActions.map(\.owner), field: "the next actions' owners")
        try StoredText.validate(p.workaroundText, field: "the workaround")
        try StoredText.validate(p.missing.map(\.text), field: "the package's missing information")
    }

    static func requiredReason(_ reason: String, for what: String) throws -> String {
        try StoredText.validate(reason, field: "the reason")
        let t = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw DeskError.invalidRequest("a reason is required for \(what).") }
        return t
    }

    static func openEscalation(_ db: Database, ticket id: Int64) throws -> Escalation? {
        try Escalation.fetchOne(
            db,
            sql: "SELECT * FROM escalations WHERE ticketId = ? AND state IN ('requested','accepted') ORDER BY id DESC LIMIT 1",
            arguments: [id])
    }

    // MARK: - Severity facts and repro notes

    /// Records impact and workaround (the rubric's inputs); the severity follows in the same write.
    @discardableResult
    public func assess(
        ticket id: Int64, impact: Impact?, workaround: Workaround?, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        guard impact != nil || workaround != nil else { throw DeskError.invalidRequest("give --impact, --workaround or both.") }
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.assessed", permission: .priority)
        {
            _, ticket, _ in
            var data: [String: String] = [:]
            if let impact { data["impact"] = impact.rawValue; ticket.impact = impact }
            if let workaround { data["workaround"] = workaround.rawValue; ticket.workaround = workaround }
            return data
        }
    }

    /// Sets the severity by hand with a reason (recorded), or with `nil` hands it back to the rubric.
    @discardableResult
    public func overrideSeverity(
        ticket id: Int64, to severity: Severity?, reason: String?, by actor: Agent, expectedVersion: Int? = nil
    ) throws -> Ticket {
        let why = try severity.map { _ in try Self.requiredReason(reason ?? "", for: "setting severity by hand") }
        return try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: "ticket.severity", permission: .priority
        ) { _, ticket, _ in
            let before = ticket.severity?.rawValue ?? ""
            if let severity {
                ticket.severity = severity
                ticket.severityOverride = why
                ticket.severityRule = nil
                return ["before": before, "after": severity.rawValue, "reason": why ?? ""]
            }
            guard ticket.severityOverride != nil else {
                throw DeskError.invalidRequest("ticket #\(id)'s severity already comes from the rubric.")
            }
            ticket.severityOverride = nil
            ticket.severityRule = nil
            return ["before": before, "after": "rubric"]
        }
    }

    /// An internal note marked as reproduction steps (the package's repro lines cite it).
    @discardableResult
    public func reproNote(ticket id: Int64, body: String, by actor: Agent, expectedVersion: Int? = nil) throws -> Ticket {
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        try StoredText.validate(body, field: "the note")
        return try change(ticket: id, by: actor, expectedVersion: expectedVersion, kind: "message.note", permission: .note) {
            db, ticket, now in
            var m = Message(
                ticketId: id, authorKind: .agent, agentId: actor.id, visibility: .internal, channel: ticket.channel,
                body: body, createdAt: now)
            m.repro = true
            try m.insertRow(db)
            return ["message": String(m.id!), "visibility": "internal", "repro": "yes"]
        }
    }

    // MARK: - Incidents

    /// Opens an incident: tickets tagged `tag` get the incident-update trigger (on their next
    /// write or sweep; this sweeps them now).
    public func openIncident(tag: String, title: String) throws -> Incident {
        let t = Self.normalisedTags([tag]).first ?? ""
        guard !t.isEmpty else { throw DeskError.invalidValue(field: "incident tag", value: tag, allowed: ["a tag word"]) }
        try StoredText.validate(title, field: "the incident title")
        let now = clock.now.dbSeconds
        let incident = try write { db -> Incident in
            if try Incident.fetchOne(db, sql: "SELECT * FROM incidents WHERE tag = ? AND closedAt IS NULL", arguments: [t]) != nil
            {
                throw DeskError.invalidRequest("incident '\(t)' is already open.")
            }
            try db.execute(sql: "DELETE FROM incidents WHERE tag = ?", arguments: [t])
            var i = Incident(id: nil, tag: t, title: title, openedAt: now, closedAt: nil)
            try i.insert(db)
            i.id = db.lastInsertedRowID
            try Self.scheduleTagged(db, tag: t, at: now)
            return i
        }
        try sweepTriggers()
        return incident
    }

    public func closeIncident(tag: String) throws {
        let changed = try write { db in
            try db.execute(
                sql: "UPDATE incidents SET closedAt = ? WHERE tag = ? AND closedAt IS NULL",
                arguments: [clock.now.dbSeconds, tag])
            let changed = db.changesCount
            try Self.scheduleTagged(db, tag: tag, at: clock.now.dbSeconds)
            return changed
        }
        guard changed > 0 else { throw DeskError.invalidRequest("no open incident '\(tag)'.") }
        try sweepTriggers()
    }

    /// Unsolved tickets carrying `tag` are due for the sweep: their incident trigger changes.
    static func scheduleTagged(_ db: Database, tag: String, at now: Int64) throws {
        try db.execute(
            sql: """
                UPDATE tickets SET checkAt = ?
                WHERE status NOT IN ('solved','closed') AND instr(',' || tags || ',', ',' || ? || ',') > 0
                  AND (checkAt IS NULL OR checkAt > ?)
                """, arguments: [now, tag, now])
    }

    public func incidents() throws -> [Incident] {
        try db.read { try Incident.fetchAll($0, sql: "SELECT * FROM incidents ORDER BY closedAt IS NOT NULL, openedAt DESC") }
    }
}
