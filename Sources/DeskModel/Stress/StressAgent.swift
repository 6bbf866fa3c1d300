import Foundation
import GRDB

/// One stress worker: an agent working a few hot tickets as fast as `pace` allows. Each round it
/// opens a ticket (reads its detail, as the console does), picks what its role may do there, and
/// writes with `expectedVersion` from that read. A conflict is a correctly refused write: it reads
/// again and retries. Every attempt and its outcome go to the worker's log (`StressLogFile`).
public struct StressAgent {
    let desk: Desk
    let agent: Agent
    let worker: Int
    let run: String
    let tickets: [Int64]
    let log: StressLogFile
    /// Mean seconds between one write and the next (exponentially distributed); 0: none.
    let pace: Double
    var rng: SeededRandom
    private var seq = 0
    private var team: [Agent] = []

    public init(
        desk: Desk, agent: Agent, worker: Int, run: String, tickets: [Int64], log: StressLogFile, pace: Double, seed: UInt64
    ) {
        self.desk = desk; self.agent = agent; self.worker = worker; self.run = run; self.tickets = tickets
        self.log = log; self.pace = pace; self.rng = SeededRandom(seed: seed)
    }

    /// How many times a write refused as a conflict is retried from a fresh read.
    static let conflictRetries = 3

    /// Works until `until` (on `StressTime`'s timeline), starting at `startAt`.
    public mutating func run(startAt: Double, until: Double) {
        StressTime.sleep(seconds: startAt - StressTime.seconds())
        guard let team = read({ db in try Agent.fetchAll(db) }) else { return }
        self.team = team
        // Paced agents start at random moments, as a team does; unpaced ones all at once (the burst).
        think(until: until)
        while StressTime.seconds() < until {
            let id = tickets[Int(rng.next() % UInt64(tickets.count))]
            guard var state = open(id) else { continue }
            guard let first = choose(state) else {
                StressTime.sleep(seconds: 0.01)  // nothing this agent may do here now; not a tight loop
                continue
            }
            var op = first
            for attempt in 0...Self.conflictRetries {
                guard perform(op, on: state) == .conflict, attempt < Self.conflictRetries else { break }
                // Retry from a fresh read, as an agent told "changed since you loaded it" would, after
                // a look at what changed (when paced: instant retries by a hundred agents fed storms
                // of conflicts, each one a turn at the write lock; docs/bench.md).
                think(until: until)
                guard let fresh = open(id), let again = choose(fresh, preferring: op) else { break }
                state = fresh
                op = again
            }
            think(until: until)
        }
    }

    /// A pause of random length (exponential, mean `pace`), never past `until`.
    private mutating func think(until: Double) {
        guard pace > 0 else { return }
        let u = Double(rng.next() % 1_000_000 + 1) / 1_000_001
        StressTime.sleep(seconds: min(-log1p(-u) * pace, until - StressTime.seconds()))
    }

    // MARK: - Reads

    /// What the agent sees when it opens a ticket: the detail the console loads, and its latest escalation.
    struct Seen {
        var ticket: Ticket
        var escalation: Escalation?
        /// How long opening it took (the console's read while others write).
        var ms: Double
    }

    private func open(_ id: Int64) -> Seen? {
        let started = StressTime.seconds()
        do {
            let detail = try desk.ticketDetail(id: id)
            let escalation = try desk.db.read { db in
                try Escalation.fetchOne(
                    db, sql: "SELECT * FROM escalations WHERE ticketId = ? ORDER BY id DESC LIMIT 1", arguments: [id])
            }
            return Seen(ticket: detail.ticket, escalation: escalation, ms: (StressTime.seconds() - started) * 1000)
        } catch {
            logReadError(error)
            return nil
        }
    }

    private func read<T>(_ body: (Database) throws -> T) -> T? {
        attempt { try desk.db.read(body) }
    }

    /// A read through the service; a failure is logged, not hidden.
    private func attempt<T>(_ body: () throws -> T) -> T? {
        do { return try body() } catch {
            logReadError(error)
            return nil
        }
    }

    /// A read that fails is logged like a failed write: a locked database must not hide in a read.
    private func logReadError(_ error: Error) {
        var r = StressRecord.failure(worker: worker, error, while: "reading")
        r.agent = agent.handle
        log.append(r, durable: true)
    }

    // MARK: - Choosing

    private var receives: (Escalation) -> Bool {
        { e in agent.role == .lead || agent.role == .admin || agent.branchId == e.toBranchId || agent.id == e.toAgentId }
    }

    /// What this agent may sensibly do on the ticket as seen, weighted; `preferring` keeps the
    /// same kind of write on a retry when it still applies.
    private mutating func choose(_ s: Seen, preferring: StressOp? = nil) -> StressOp? {
        let t = s.ticket
        guard t.status != .closed else { return nil }
        var options: [(StressOp, Int)] = [(.note, 20), (.reply, 12), (.send, 8), (.status, 12), (.priority, 12), (.assign, 10)]
        let role = desk.policy.role(agent.role)
        switch s.escalation {
        case let e? where e.state == .requested:
            if receives(e) { options += [(.accept, 10), (.returnEscalation, 2)] }
        case let e? where e.state == .accepted:
            if receives(e) { options += [(.resolve, 8), (.returnEscalation, 2)] }
            if t.branchId == e.toBranchId { options.append((.deescalate, 4)) }
        case let e? where e.state == .resolved && t.branchId == e.toBranchId:
            options.append((.deescalate, 8))
        default:
            if t.status.isActive { options.append((.escalate, 10)) }
        }
        options = options.filter { op, _ in
            switch op {
            case .status: role.can.contains(.status)
            case .priority: role.can.contains(.priority)
            case .assign: role.can.contains(.assign)
            case .escalate, .accept, .returnEscalation, .resolve, .deescalate: role.can.contains(.escalate)
            default: true
            }
        }
        if let preferring, options.contains(where: { $0.0 == preferring }) { return preferring }
        let total = options.reduce(0) { $0 + $1.1 }
        guard total > 0 else { return nil }
        var pick = Int(rng.next() % UInt64(total))
        for (op, w) in options {
            if pick < w { return op }
            pick -= w
        }
        return nil
    }

    // MARK: - Writing

    /// Logs the attempt, makes the write (timed), logs the outcome durably.
    /// Nil when there was nothing to write (no one else to assign to, no escalation path).
    private mutating func perform(_ op: StressOp, on s: Seen) -> StressOutcome.Kind? {
        seq += 1
        var r = StressRecord(worker: worker, seq: seq, phase: .attempt)
        r.op = op
        r.ticket = s.ticket.id
        r.agent = agent.handle
        r.expected = s.ticket.version
        r.readMs = s.ms
        if op.carriesToken { r.token = "stress-\(run)-w\(worker)-\(seq)" }
        guard let write = prepare(op, on: s, record: &r) else { return nil }
        log.append(r, durable: false)  // write(2) before the call: a kill cannot lose it

        let started = StressTime.seconds()
        var outcome = StressOutcome(kind: .done)
        do {
            outcome.result = try write()
        } catch {
            (outcome.reason, outcome.detail) = StressOutcome.classify(error)
            outcome.kind = StressOutcome.Kind(rawValue: outcome.reason!) ?? .error
        }
        let ended = StressTime.seconds()

        var o = StressRecord(worker: worker, seq: seq, phase: outcome.kind.phase)
        o.ms = (ended - started) * 1000
        o.at = ended
        o.reason = outcome.reason
        o.detail = outcome.detail
        o.version = outcome.result.version
        o.message = outcome.result.message
        o.escalation = outcome.result.escalation ?? r.escalation
        log.append(o, durable: true)
        return outcome.kind
    }

    /// The call for `op`, its target noted in the attempt record; nil when there is nothing to do.
    private mutating func prepare(
        _ op: StressOp, on s: Seen, record r: inout StressRecord
    ) -> (() throws -> StressOutcome.Result)? {
        let t = s.ticket
        let id = t.id!
        let v = t.version
        let desk = desk, agent = agent
        switch op {
        case .reply:
            let body = "Thanks for your patience, we are looking into it. [\(r.token!)]"
            return { StressOutcome.Result(try desk.reply(ticket: id, body: body, by: agent, expectedVersion: v)) }
        case .note:
            let body = "Checked the logs for this account; nothing unusual yet. [\(r.token!)]"
            return { StressOutcome.Result(try desk.note(ticket: id, body: body, by: agent, expectedVersion: v)) }
        case .send:
            // Send and set pending, as the composer offers; a solved ticket is only replied to.
            let then: TicketStatus? = Lifecycle.refusal(from: t.status, to: .pending) == nil ? .pending : nil
            let request = SendRequest(body: "Following up: the fix is being verified on your account. [\(r.token!)]", then: then)
            return {
                let sent = try desk.send(ticket: id, request, by: agent, expectedVersion: v)
                var result = StressOutcome.Result(sent.ticket)
                result.message = sent.messageId
                return result
            }
        case .assign:
            let candidates = team.filter { $0.branchId == t.branchId && $0.id != t.assigneeId }
            guard !candidates.isEmpty else { return nil }
            let target = candidates[Int(rng.next() % UInt64(candidates.count))].handle
            r.target = target
            return { StressOutcome.Result(try desk.assign(ticket: id, to: target, by: agent, expectedVersion: v)) }
        case .status:
            let allowed = desk.policy.role(agent.role).statuses
            let next = TicketStatus.allCases.filter {
                $0 != .closed && allowed.contains($0) && Lifecycle.refusal(from: t.status, to: $0) == nil
            }
            guard !next.isEmpty else { return nil }
            let target = next[Int(rng.next() % UInt64(next.count))]
            r.target = target.rawValue
            return { StressOutcome.Result(try desk.setStatus(ticket: id, to: target, by: agent, expectedVersion: v)) }
        case .priority:
            let next = TicketPriority.allCases.filter { $0 != t.priority }
            let target = next[Int(rng.next() % UInt64(next.count))]
            r.target = target.rawValue
            return { StressOutcome.Result(try desk.setPriority(ticket: id, to: target, by: agent, expectedVersion: v)) }
        case .escalate:
            // The composer's package, as an agent would submit it: next action written, what is missing acknowledged.
            guard let draft = attempt({ try desk.escalationDraft(ticket: id, by: agent) }), let to = draft.targets.first,
                var package = attempt({ try desk.escalationDraft(ticket: id, by: agent, to: to).package })
            else { return nil }
            package.nextAction = "Check the account's recent changes and reply within the hour."
            for i in package.missing.indices { package.missing[i].acknowledged = true }
            r.expected = draft.version
            r.target = to
            let base = draft.version
            return {
                let e = try desk.escalate(ticket: id, package: package, by: agent, expectedVersion: base)
                return StressOutcome.Result(escalation: e.id)
            }
        case .accept, .returnEscalation, .resolve:
            guard let eid = s.escalation?.id else { return nil }
            r.escalation = eid
            r.expected = nil  // escalation steps are judged on the escalation's state, not the version
            return {
                let e: Escalation
                switch op {
                case .accept: e = try desk.acceptEscalation(eid, by: agent)
                case .resolve: e = try desk.resolveEscalation(eid, reason: "Fixed on our side.", by: agent)
                default: e = try desk.returnEscalation(eid, reason: "Needs the customer's account id first.", by: agent)
                }
                return StressOutcome.Result(escalation: e.id)
            }
        case .deescalate:
            r.escalation = s.escalation?.id
            return {
                StressOutcome.Result(
                    try desk.deescalate(
                        ticket: id, reason: "Back to tier 1 to close with the customer.", by: agent, expectedVersion: v))
            }
        }
    }
}

/// What became of one write, and how an error is told apart.
struct StressOutcome {
    enum Kind: String {
        case done, conflict, refused, locked, error
        var phase: StressRecord.Phase {
            switch self {
            case .done: .done
            case .conflict, .refused: .refused
            case .locked, .error: .error
            }
        }
    }
    struct Result {
        var version: Int?
        var message: Int64?
        var escalation: Int64?
        init(_ t: Ticket? = nil, escalation: Int64? = nil) { version = t?.version; self.escalation = escalation }
    }
    var kind: Kind
    var result = Result()
    var reason: String?
    var detail: String?

    /// `conflict` (a stale version refused), `refused` (any other refusal the service gives),
    /// `locked` (SQLITE_BUSY / SQLITE_LOCKED: the busy timeout did not absorb contention) or
    /// `error` (anything else: never acceptable).
    static func classify(_ error: Error) -> (String, String) {
        let text = "\(error)"
        if let d = error as? DatabaseError {
            let primary = d.resultCode.primaryResultCode
            if primary == .SQLITE_BUSY || primary == .SQLITE_LOCKED { return ("locked", text) }
            return ("error", text)
        }
        if text.contains("database is locked") || text.contains("SQLITE_BUSY") { return ("locked", text) }
        if let d = error as? DeskError {
            if case .conflict = d { return ("conflict", d.description) }
            return ("refused", d.description)
        }
        return ("error", text)
    }
}

extension StressRecord {
    /// An error outside a write (opening the database, reading a ticket), as a record of its own.
    public static func failure(worker: Int, _ error: Error, while doing: String) -> StressRecord {
        var r = StressRecord(worker: worker, seq: -1, phase: .error)
        let (reason, detail) = StressOutcome.classify(error)
        r.reason = reason == "locked" ? "locked" : "error"
        r.detail = "\(doing): \(detail)"
        r.at = StressTime.seconds()
        return r
    }
}
