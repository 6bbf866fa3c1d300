import DeskModel

/// Performs effects against DeskModel and turns each result into an action.
public struct EffectRunner: Sendable {
    public let desk: Desk
    /// The agent at the keyboard: every operation is theirs.
    public let agent: Agent?

    public init(desk: Desk, agent: Agent? = nil) {
        self.desk = desk
        self.agent = agent
    }

    public func run(_ effect: Effect) -> Action? {
        do {
            switch effect {
            case .loadQueue(let query, let offset, let limit, let count, let anchor, let known):
                let (total, rows) = try desk.queuePage(
                    query, offset: offset, limit: limit, count: count,
                    anchor: anchor, knownTotal: known)
                return .queueLoaded(query: query, total: total, offset: offset, rows: rows)
            case .loadTicket(let id):
                return .ticketLoaded(try desk.ticketDetail(id: id))
            case .locateInQueue(let query, let id):
                return .queuePositionFound(query: query, ticket: id, position: try desk.queuePosition(query, of: id))
            case .preloadTicket(let id):
                // A failed preload is not the user's error: Enter will load and report it.
                return (try? desk.ticketDetail(id: id)).map(Action.ticketPreloaded)
            case .perform(let op, let id, let version):
                return perform(op, ticket: id, version: version)
            case .heartbeat(let id, let writing, let leaving):
                guard let me = agent?.id else { return nil }
                let others = try desk.heartbeat(ticket: id, agent: me, writing: writing, leaving: leaving)
                return id.map { .presenceLoaded(ticket: $0, others) }
            case .loadPresence(let id):
                guard let me = agent?.id else { return nil }
                return .presenceLoaded(ticket: id, try desk.presence(ticket: id, excluding: me))
            case .loadDirectory(let openPicker):
                return .directoryLoaded(try directory(), openPicker: openPicker)
            case .loadBoard(let filter):
                return .boardLoaded(try desk.slaBoard(filter))
            case .loadEscalations:
                return .escalationsLoaded(try desk.escalationOverview())
            case .loadDraft(let id):
                guard let actor = agent else { return .failed("no agent: cannot escalate") }
                return .draftLoaded(try desk.escalationDraft(ticket: id, by: actor))
            case .loadReplyDraft(let id):
                guard let me = agent?.id else { return nil }
                return .replyDraftLoaded(ticket: id, try desk.draft(ticket: id, agent: me))
            case .saveReplyDraft(let draft):
                try desk.saveDraft(draft)
                return nil
            case .loadSuggestions(let id):
                return .suggestionsLoaded(ticket: id, try desk.suggestions(ticket: id))
            case .insertTemplate(let tid, let id, let replace, let how):
                let ins = try desk.insertion(template: tid, ticket: id, agent: agent)
                if let actor = agent { try desk.recordTemplateInsert(tid, ticket: id, how: how, by: actor) }
                return .templateReady(ins, replace: replace)
            case .loadTemplates:
                return .templatesLoaded(try desk.templates())
            case .externalEdit:
                return nil  // the console performs it: it owns the terminal
            case .send(let id, let version, let request):
                return send(request, ticket: id, version: version)
            case .deliver(let id, let outbound):
                return deliver(outbound, ticket: id)
            case .loadUnreadCount:
                guard let me = agent?.id else { return nil }
                return .unreadCountLoaded(try desk.unreadCount(agent: me))
            case .loadNotifications(let unreadOnly, let limit):
                guard let me = agent?.id else { return nil }
                return .notificationsLoaded(
                    try desk.notifications(agent: me, unreadOnly: unreadOnly, limit: limit), unreadOnly: unreadOnly)
            case .markNotificationsRead(let id):
                guard let me = agent?.id else { return nil }
                _ = try desk.markRead(ticket: id, agent: me)
                return .unreadCountLoaded(try desk.unreadCount(agent: me))
            case .markAllNotificationsRead:
                guard let me = agent?.id else { return nil }
                _ = try desk.markAllRead(agent: me)
                return .unreadCountLoaded(try desk.unreadCount(agent: me))
            case .saveTemplate(let id, let body):
                guard let actor = agent else { return .failed("no agent: cannot edit templates") }
                return .templateSaved(try desk.saveTemplate(id, body: body, by: actor))
            }
        } catch {
            return Self.failure(of: effect, "\(error)")
        }
    }

    /// A load that a screen waits on says which it was, so that screen stops waiting.
    static func failure(of effect: Effect, _ message: String) -> Action {
        switch effect {
        case .loadBoard, .loadEscalations, .loadNotifications: .loadFailed(effect, message: message)
        default: .failed(message)
        }
    }

    public func dataVersion() -> Int? { desk.dataVersion() }

    /// Stores the reply (or note) and queues its email; delivery is the next effect.
    func send(_ request: SendRequest, ticket id: Int64, version: Int) -> Action {
        guard let actor = agent else { return .sendFailed(ticket: id, message: "no agent: cannot send") }
        do {
            let sent = try desk.send(ticket: id, request, by: actor, expectedVersion: version)
            return .sent(ticket: id, status: sent.ticket?.status, outbound: sent.outboundId)
        } catch let error as DeskError {
            switch error {
            case .conflict(let c): return .sendFailed(ticket: id, message: error.description, conflict: c)
            case .unconfirmedInternalText(let marker): return .sendNeedsConfirmation(ticket: id, marker: marker)
            default: return .sendFailed(ticket: id, message: error.description)
            }
        } catch {
            return .sendFailed(ticket: id, message: "\(error)")
        }
    }

    /// A failure is reported, not lost: the message stays in the outbox for `desk outbox retry`.
    func deliver(_ outbound: [Int64], ticket id: Int64) -> Action {
        do {
            let r = try desk.deliverOutbound(outbound).first
            if r?.state == "sent" { return .delivered(ticket: id, text: "mailed to \(r!.recipient)", failed: false) }
            return .delivered(
                ticket: id, text: "NOT mailed: \(r?.lastError ?? "unknown error") (desk outbox retry)", failed: true)
        } catch {
            return .delivered(ticket: id, text: "NOT mailed: \(error) (desk outbox retry)", failed: true)
        }
    }

    func perform(_ op: TicketOperation, ticket id: Int64, version: Int) -> Action {
        guard let actor = agent else {
            return .operationFailed(op, ticket: id, message: "no agent: cannot change tickets")
        }
        do {
            var done = id
            var op = op
            if case .confirmed(let inner) = op {
                op = inner
            } else if desk.policy.assignment.mismatch == .ask, let handle = op.assignee(actor: actor.handle),
                let why = try desk.assignmentMismatch(ticket: id, to: handle)
            {
                // Not a refusal: the agent is asked, and says yes with `.confirmed`.
                return .operationNeedsConfirmation(op, ticket: id, version: version, reason: why)
            }
            switch op {
            case .take: try desk.take(ticket: id, by: actor, expectedVersion: version)
            case .assign(let h): try desk.assign(ticket: id, to: h, by: actor, expectedVersion: version)
            case .move(let b): try desk.move(ticket: id, toBranch: b, by: actor, expectedVersion: version)
            case .status(let s): try desk.setStatus(ticket: id, to: s, by: actor, expectedVersion: version)
            case .priority(let p): try desk.setPriority(ticket: id, to: p, by: actor, expectedVersion: version)
            case .tag(let t): try desk.tag(ticket: id, t, by: actor, expectedVersion: version)
            case .untag(let t): try desk.tag(ticket: id, t, remove: true, by: actor, expectedVersion: version)
            case .productArea(let a): try desk.setProductArea(ticket: id, to: a, by: actor, expectedVersion: version)
            case .note(let text): try desk.note(ticket: id, body: text, by: actor, expectedVersion: version)
            case .merge(let into): try desk.merge(ticket: id, into: into, by: actor, expectedVersion: version)
            case .link(let other): try desk.link(ticket: id, to: other, by: actor, expectedVersion: version)
            case .reproNote(let text): try desk.reproNote(ticket: id, body: text, by: actor, expectedVersion: version)
            case .escalate(let p): try desk.escalate(ticket: id, package: p, by: actor, expectedVersion: version)
            case .acceptEscalation(let e): try desk.acceptEscalation(e, by: actor)
            case .returnEscalation(let e, let reason): try desk.returnEscalation(e, reason: reason, by: actor)
            case .withdrawEscalation(let e): try desk.withdrawEscalation(e, reason: nil, by: actor)
            case .resolveEscalation(let e): try desk.resolveEscalation(e, reason: nil, by: actor)
            case .deescalate: try desk.deescalate(ticket: id, reason: nil, by: actor, expectedVersion: version)
            case .logCall(let call): try desk.logCall(ticket: id, call, by: actor, expectedVersion: version)
            case .newCall(let email, let subject, let call):
                done = try desk.logCallTicket(customerEmail: email, subject: subject, call, by: actor).id!
            case .confirmed: break  // unwrapped above
            }
            return .operationDone(op, ticket: done, alsoChanged: alsoChanged(ticket: done, since: version, by: actor))
        } catch let error as DeskError {
            if case .conflict(let c) = error { return .operationFailed(op, ticket: id, message: error.description, conflict: c) }
            return .operationFailed(op, ticket: id, message: error.description)
        } catch {
            return .operationFailed(op, ticket: id, message: "\(error)")
        }
    }

    /// Others' changes since the version an operation began from, which it did not clash with.
    func alsoChanged(ticket id: Int64, since base: Int, by actor: Agent) -> [String] {
        guard base > 0, let changes = try? desk.changes(ticket: id, since: base) else { return [] }
        let others = changes.filter { c in c.isNoteworthy && (c.actor.map { $0 != actor.handle } ?? true) }
        return others.suffix(3).map(\.sentence)
    }

    func directory() throws -> Directory {
        let agents = try desk.agentListing().map { Directory.Person(handle: $0.handle, name: $0.name, branch: $0.branch) }
        let known = Set(try desk.branchNames())
        let branches = desk.policy.branches.filter { known.contains($0.name) }.map {
            Directory.Team(name: $0.name, tier: $0.tier)
        }
        return Directory(agents: agents, branches: branches)
    }
}
