import Foundation
import GRDB

/// Sending replies and notes, and the drafts behind them.
extension Desk {
    // MARK: - Drafts (private to an agent: not ticket changes, no version, no event)

    public func draft(ticket id: Int64, agent: Int64) throws -> ReplyDraft? {
        try db.read { db in try ReplyDraft.fetchOne(db, key: ["ticketId": id, "agentId": agent]) }
    }

    /// Saves the draft; an empty body deletes it.
    public func saveDraft(_ draft: ReplyDraft) throws {
        try StoredText.validate(draft.body, field: "the draft")
        try write { db in
            if draft.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                _ = try ReplyDraft.deleteOne(db, key: ["ticketId": draft.ticketId, "agentId": draft.agentId])
            } else {
                try draft.save(db)
            }
        }
    }

    // MARK: - Send

    /// The text that makes a public reply ask before it goes out: an internal marker from the
    /// policy, or a line copied from one of the ticket's internal notes.
    public func internalText(in body: String, ticket id: Int64) throws -> String? {
        if let marker = policy.replies.internalMarker(in: body) { return marker }
        let notes = try db.read { db in
            try String.fetchAll(
                db, sql: "SELECT body FROM messages WHERE ticketId = ? AND visibility = 'internal'", arguments: [id])
        }
        if CustomerUpdate.refusal(body, internalTexts: notes) != nil, !body.contains("{{") {
            return "a line copied from an internal note"
        }
        return nil
    }

    /// Records the message, applies the macro's actions and the chosen status, moves the SLA
    /// clocks, records template use, queues the email and drops the draft: one transaction.
    /// Delivery of the queued email happens after it (`deliverOutbound`).
    @discardableResult
    public func send(ticket id: Int64, _ request: SendRequest, by actor: Agent, expectedVersion: Int? = nil) throws -> SentReply {
        let body = request.body
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw DeskError.emptyBody }
        try StoredText.validate(body, field: request.visibility == .public ? "the reply" : "the note")
        if let raw = Placeholders.unfilled(in: body).first {
            throw DeskError.invalidRequest(
                "the text still holds \(raw): fill it in or remove it; a raw placeholder is never sent.")
        }
        let isPublic = request.visibility == .public
        if isPublic, !request.confirmedInternal, let marker = try internalText(in: body, ticket: id) {
            throw DeskError.unconfirmedInternalText(marker: marker)
        }
        let status = request.then ?? request.actions.status
        if let status, !policy.role(actor.role).statuses.contains(status) {
            throw DeskError.notPermitted(handle: actor.handle, role: actor.role, action: "set status \(status.rawValue)")
        }
        if request.actions.priority != nil { try check(actor, may: .priority) }
        if !request.actions.tags.isEmpty { try check(actor, may: .tag) }
        if request.actions.branch != nil { try check(actor, may: .assign) }
        var sent = SentReply(ticket: nil, messageId: 0, outboundId: nil)
        let kind = isPublic ? "message.reply" : "message.note"
        let usedTemplates = templatesSent(request.templateIds, in: body, ticket: id, by: actor)
        let ticket = try change(
            ticket: id, by: actor, expectedVersion: expectedVersion, kind: kind, permission: isPublic ? .reply : .note,
            guards: Self.guards(of: request, status: status)
        ) { db, ticket, now in
            var m = try insertAgentMessage(db, ticket, body: body, visibility: request.visibility, by: actor, now: now)
            sent.messageId = m.id!
            if !isPublic { sent.mentions = try mentionOutcome(db, in: body, by: actor) }
            var data = ["message": String(m.id!), "visibility": request.visibility.rawValue]
            if !usedTemplates.isEmpty { data["templates"] = usedTemplates.map(String.init).joined(separator: ",") }
            try applyMacro(db, &ticket, request.actions, by: actor, now: now)
            let before = ticket.status
            if let status, status != ticket.status {
                if let reason = Lifecycle.refusal(from: ticket.status, to: status) {
                    throw DeskError.transitionRefused(ticket: id, from: ticket.status, to: status, reason: reason)
                }
                Self.apply(status, to: &ticket, now: now)
            } else if isPublic && ticket.status == .new {
                ticket.status = .open  // a first public reply takes a new ticket into work
            }
            if ticket.status != before {
                data["before"] = before.rawValue
                data["after"] = ticket.status.rawValue
            }
            for tid in usedTemplates {
                let name = try String.fetchOne(db, sql: "SELECT name FROM templates WHERE id = ?", arguments: [tid]) ?? "?"
                var e = TicketEvent(
                    ticketId: id, actorId: actor.id, kind: "template.sent",
                    data: [
                        "template": String(tid), "name": name, "message": String(m.id!),
                        "visibility": request.visibility.rawValue,
                    ],
                    createdAt: now)
                try e.insertRow(db)
            }
            if isPublic && ticket.channel == .email {
                sent.outboundId = try queueEmail(db, ticket: ticket, message: &m, now: now)
            }
            _ = try ReplyDraft.deleteOne(db, key: ["ticketId": id, "agentId": actor.id!])
            return data
        }
        sent.ticket = ticket
        return sent
    }

    /// The templates inserted into the draft whose text went out in `body` (TemplateTrace), each
    /// once: one inserted and then replaced or deleted does not count as sent. A template deleted
    /// since it was inserted cannot be traced and does not count.
    func templatesSent(_ ids: [Int64], in body: String, ticket id: Int64, by actor: Agent) -> [Int64] {
        var seen = Set<Int64>()
        return ids.filter { seen.insert($0).inserted }.filter { tid in
            guard let rendered = try? insertion(template: tid, ticket: id, agent: actor).text else { return false }
            return TemplateTrace.wentOut(rendered, in: body)
        }
    }

    /// Priority, tags and branch from a macro, each with its own event.
    private func applyMacro(_ db: Database, _ ticket: inout Ticket, _ a: MacroActions, by actor: Agent, now: Date) throws {
        func event(_ kind: String, _ data: [String: String]) throws {
            var e = TicketEvent(
                ticketId: ticket.id, actorId: actor.id, kind: kind, data: data.merging(["via": "macro"]) { a, _ in a },
                createdAt: now)
            try e.insertRow(db)
        }
        if let p = a.priority, p != ticket.priority {
            try event("ticket.priority", ["before": ticket.priority.rawValue, "after": p.rawValue])
            ticket.priority = p
        }
        var tags = ticket.tagList
        for t in Self.normalisedTags(a.tags) where !tags.contains(t) {
            tags.append(t)
            try event("ticket.tagged", ["tag": t])
        }
        ticket.tags = tags.joined(separator: ",")
        if let b = a.branch, let data = try moveToBranch(db, &ticket, named: b) {
            try event("ticket.moved", data)
            try notifyAlongside(db, ticket, kind: "ticket.moved", data: data, event: db.lastInsertedRowID, by: actor, now: now)
        }
    }

    /// Records that a template was inserted into a draft (usage counts insertions and sends).
    public func recordTemplateInsert(_ template: Int64, ticket id: Int64, how: String, by actor: Agent) throws {
        try write { db in
            let name = try String.fetchOne(db, sql: "SELECT name FROM templates WHERE id = ?", arguments: [template])
            guard let name else { throw DeskError.invalidRequest("no template #\(template).") }
            var e = TicketEvent(
                ticketId: id, actorId: actor.id, kind: "template.inserted",
                data: ["template": String(template), "name": name, "how": how],
                createdAt: clock.now)
            try e.insertRow(db)
        }
    }
    /// What a send must not overwrite unseen: a public reply, new public messages; a status or a
    /// macro's field it sets, that field.
    static func guards(of request: SendRequest, status: TicketStatus?) -> Set<ChangeAspect> {
        var guards: Set<ChangeAspect> = request.visibility == .public ? [.publicReply, .customerMessage] : []
        if status != nil { guards.insert(.status) }
        if request.actions.priority != nil { guards.insert(.priority) }
        if !request.actions.tags.isEmpty { guards.insert(.tags) }
        if request.actions.branch != nil { guards.insert(.branch) }
        return guards
    }
}

/// What a send produced.
public struct SentReply: Sendable, Equatable {
    public var ticket: Ticket?
    public var messageId: Int64
    /// The queued email, when the reply goes out by mail.
    public var outboundId: Int64?
    /// An internal note's `@handle`s: who was notified, and which name no agent.
    public var mentions = MentionOutcome()
}
