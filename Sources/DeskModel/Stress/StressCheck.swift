import Foundation
import GRDB

/// One line of the after-run verdict.
public struct StressCheckResult: Codable, Sendable {
    public var check: String
    public var passed: Bool
    public var detail: String
    public init(_ check: String, _ passed: Bool, _ detail: String) {
        self.check = check; self.passed = passed; self.detail = detail
    }
}

/// Judges a stress run from the workers' logs and the database: nothing reported done is
/// missing, nothing refused is stored, every version bump is a write someone made, versions
/// agree with the events, no locked database reached anyone, SQLite and FTS5 are intact.
public struct StressCheck {
    let desk: Desk
    let plan: StressPlan
    let writes: [StressWrite]
    let readErrors: [StressRecord]
    /// Workers the harness killed: their last write may have no outcome.
    let killed: Set<Int>

    public init(desk: Desk, plan: StressPlan, records: [StressRecord], killed: Set<Int>) {
        self.desk = desk
        self.plan = plan
        self.killed = killed
        (writes, readErrors) = StressWrite.pair(records)
    }

    /// The event as the checks see it.
    struct StoredEvent {
        var id: Int64
        var ticket: Int64
        var kind: String
        var actor: String?
        var data: [String: String]
    }

    /// Events the write path records beside a change's own event, without a version bump
    /// (docs/architecture.md): triggers firing and clearing, the SLA policy and the rubric's
    /// severity that follow a change, a macro's actions and template use inside a send, mail
    /// delivery. Everything else on a ticket is one change and one bump (`Desk.applyChange`,
    /// and `closeExpired` for the automatic close).
    static func bumpsVersion(kind: String, data: [String: String]) -> Bool {
        if kind.hasPrefix("trigger.") || kind.hasPrefix("template.") || kind.hasPrefix("mail.") { return false }
        if kind == "sla.policy" { return false }
        if kind == "ticket.severity" && data["rule"] != nil { return false }
        if data["via"] == "macro" { return false }
        return true
    }

    public func run() throws -> [StressCheckResult] {
        let hot = plan.tickets
        let base = Dictionary(uniqueKeysWithValues: plan.baselines.map { ($0.ticket, $0) })
        let marks = hot.map { _ in "?" }.joined(separator: ",")
        let (versions, events, messages) = try desk.db.read { db in
            let versions = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db, sql: "SELECT id, version FROM tickets WHERE id IN (\(marks))", arguments: StatementArguments(hot)
                ).map { ($0["id"] as Int64, $0["version"] as Int) })
            var events: [StoredEvent] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.ticketId, e.kind, a.handle, e.data FROM events e LEFT JOIN agents a ON a.id = e.actorId
                    WHERE e.ticketId IN (\(marks)) ORDER BY e.id
                    """, arguments: StatementArguments(hot))
            {
                let ticket: Int64 = row["ticketId"]
                let id: Int64 = row["id"]
                guard id > base[ticket]?.lastEvent ?? 0 else { continue }
                let json: String = row["data"]
                let data = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
                events.append(StoredEvent(id: id, ticket: ticket, kind: row["kind"], actor: row["handle"], data: data))
            }
            // Every message carrying a token, wherever it landed.
            var messages: [String: (id: Int64, ticket: Int64)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, ticketId, body FROM messages WHERE body LIKE '%[stress-%'") {
                let body: String = row["body"]
                if let token = Self.token(in: body) { messages[token] = (row["id"], row["ticketId"]) }
            }
            return (versions, events, messages)
        }
        var results: [StressCheckResult] = []
        results += matchWrites(events: events, messages: messages)
        results.append(versionsAgree(versions: versions, events: events, base: base))
        results += errorChecks()
        results += try integrity()
        return results
    }

    /// The token a stress body ends with: `[stress-…]`.
    static func token(in body: String) -> String? {
        guard let open = body.range(of: "[stress-", options: .backwards),
            let close = body.range(of: "]", range: open.upperBound..<body.endIndex)
        else { return nil }
        return String(body[body.index(after: open.lowerBound)..<close.lowerBound])
    }

    // MARK: - Writes against events

    private func matchWrites(events: [StoredEvent], messages: [String: (id: Int64, ticket: Int64)]) -> [StressCheckResult] {
        let base = Dictionary(uniqueKeysWithValues: plan.baselines.map { ($0.ticket, $0) })
        var bumps: [Int64: [StoredEvent]] = [:]
        for e in events where Self.bumpsVersion(kind: e.kind, data: e.data) { bumps[e.ticket, default: []].append(e) }
        var claimed: [Int64: String] = [:]  // event id → the write that claims it
        var missing: [String] = []

        // Every write reported done: its event at the version it reported (or, for an escalation
        // step, the event naming its escalation), by its agent, with its message or target. When
        // the event at that version is another's (one went missing before it), the nearest one
        // that is this write's, so only the write that lost its event is named.
        let done = writes.filter { $0.outcome?.phase == .done }
        func position(_ w: StressWrite) -> Int? {
            w.outcome?.version.flatMap { v in base[w.attempt.ticket ?? -1].map { v - $0.version - 1 } }
        }
        var unmatched: [StressWrite] = []
        for w in done {
            let list = bumps[w.attempt.ticket ?? -1] ?? []
            if let i = position(w), list.indices.contains(i), claimed[list[i].id] == nil,
                mismatch(list[i], w, messages: messages) == nil
            {
                claimed[list[i].id] = w.name
            } else {
                unmatched.append(w)
            }
        }
        let exact = done.count - unmatched.count
        let versioned = done.filter { $0.outcome?.version != nil }.count
        for w in unmatched {
            let a = w.attempt
            let list = bumps[a.ticket ?? -1] ?? []
            let at = position(w)
            let candidates = list.indices.filter {
                claimed[list[$0].id] == nil && mismatch(list[$0], w, messages: messages) == nil
            }
            if let i = candidates.min(by: { abs($0 - (at ?? 0)) < abs($1 - (at ?? 0)) }) {
                claimed[list[i].id] = w.name
                continue
            }
            let why = at.flatMap { i in list.indices.contains(i) ? mismatch(list[i], w, messages: messages) : nil }
            missing.append(
                "\(w.name) (\(a.op?.rawValue ?? "?") on #\(a.ticket ?? 0) by \(a.agent ?? "?"), version \(w.outcome?.version.map(String.init) ?? "?")): no such event"
                    + (why.map { " (the one at that version \($0))" } ?? ""))
        }

        // Every other bump must be a write whose worker was killed before it learned the outcome
        // (either outcome is acceptable for that one), or the automatic close.
        let unknown = writes.filter { $0.outcome == nil }
        var usedUnknown = Set<String>()
        var unexplained: [String] = []
        for (_, list) in bumps {
            for e in list where claimed[e.id] == nil {
                if e.actor == nil, e.data["auto"] != nil { continue }
                let match = unknown.first { w in
                    !usedUnknown.contains(w.name) && w.attempt.ticket == e.ticket && mismatch(e, w, messages: messages) == nil
                }
                if let match {
                    usedUnknown.insert(match.name)
                    claimed[e.id] = match.name
                } else {
                    unexplained.append("event #\(e.id) \(e.kind) by \(e.actor ?? "nobody") on #\(e.ticket)")
                }
            }
        }

        // Refused and failed writes left nothing: no message with their token.
        let refused = writes.filter { $0.outcome.map { $0.phase != .done } ?? false }
        let storedRefused = refused.compactMap { w in w.attempt.token.flatMap { messages[$0] }.map { _ in w.name } }
        // Every token message belongs to a write that was done or whose outcome is unknown.
        let accounted = Set(
            done.compactMap(\.attempt.token) + unknown.filter { usedUnknown.contains($0.name) }.compactMap(\.attempt.token))
        let strayMessages = messages.keys.filter { $0.hasPrefix("stress-") && !accounted.contains($0) && isOurs($0) }

        let killedUnknown = unknown.filter { killed.contains($0.attempt.worker) }
        let orphanUnknown = unknown.filter { !killed.contains($0.attempt.worker) }
        return [
            StressCheckResult(
                "every write reported done is stored with its event", missing.isEmpty,
                missing.isEmpty
                    ? "\(done.count) writes; \(exact) of the \(versioned) that reported a version at exactly that version, the rest found by their escalation"
                    : Self.list(missing, of: done.count)),
            StressCheckResult(
                "no write reported refused or failed is stored",
                storedRefused.isEmpty && unexplained.isEmpty && strayMessages.isEmpty,
                storedRefused.isEmpty && unexplained.isEmpty && strayMessages.isEmpty
                    ? "\(refused.count) refused or failed; every version bump is a write reported done, or a killed worker's last (\(usedUnknown.count) of \(killedUnknown.count) such writes landed)"
                    : Self.list(
                        storedRefused.map { "\($0): stored though refused" }
                            + unexplained.map { "\($0): no worker reported it done" }
                            + strayMessages.map { "message with token \($0): no write reported it done" }, of: refused.count)),
            StressCheckResult(
                "only a killed worker leaves a write without an outcome", orphanUnknown.isEmpty,
                orphanUnknown.isEmpty
                    ? "\(killedUnknown.count) writes in flight when their worker was killed"
                    : Self.list(orphanUnknown.map(\.name), of: unknown.count)),
        ]
    }

    /// Tokens carry the run's name: messages of earlier runs on the same database are not this run's.
    private func isOurs(_ token: String) -> Bool {
        token.hasPrefix("stress-\(plan.run)-")
    }

    /// Why the event is not the write's (nil: it is).
    private func mismatch(_ e: StoredEvent, _ w: StressWrite, messages: [String: (id: Int64, ticket: Int64)]) -> String? {
        let a = w.attempt
        guard let op = a.op else { return "has no operation" }
        if e.kind != op.eventKind { return "is \(e.kind), not \(op.eventKind)" }
        if e.actor != a.agent { return "was made by \(e.actor ?? "nobody"), not \(a.agent ?? "?")" }
        if op.carriesToken {
            guard let token = a.token, let m = messages[token] else { return "but the message with its token is missing" }
            if m.ticket != a.ticket { return "but its message is on ticket #\(m.ticket)" }
            if e.data["message"] != String(m.id) { return "names message \(e.data["message"] ?? "none"), not \(m.id)" }
            if let reported = w.outcome?.message, reported != m.id { return "but the worker reported message \(reported)" }
        }
        if let target = a.target, [.status, .priority, .assign].contains(op), e.data["after"] != target {
            return "sets \(e.data["after"] ?? "nothing"), not \(target)"
        }
        // De-escalation names the latest accepted or resolved escalation, whichever the worker saw.
        if [.escalate, .accept, .returnEscalation, .resolve].contains(op),
            let eid = w.outcome?.escalation ?? (op == .escalate ? nil : a.escalation), e.data["escalation"] != String(eid)
        {
            return "names escalation \(e.data["escalation"] ?? "none"), not \(eid)"
        }
        return nil
    }

    // MARK: - Versions

    private func versionsAgree(
        versions: [Int64: Int], events: [StoredEvent], base: [Int64: StressPlan.Baseline]
    ) -> StressCheckResult {
        var drift: [String] = []
        for id in plan.tickets {
            let bumps = events.filter { $0.ticket == id && Self.bumpsVersion(kind: $0.kind, data: $0.data) }.count
            let expected = (base[id]?.version ?? 0) + bumps
            if versions[id] != expected {
                drift.append("#\(id): version \(versions[id].map(String.init) ?? "missing"), \(expected) by its events")
            }
        }
        let total = plan.tickets.compactMap { versions[$0] }.reduce(0, +)
        return StressCheckResult(
            "each ticket's version equals its version-bumping events", drift.isEmpty,
            drift.isEmpty
                ? "\(plan.tickets.count) tickets, versions summing to \(total)" : Self.list(drift, of: plan.tickets.count))
    }

    // MARK: - Errors

    private func errorChecks() -> [StressCheckResult] {
        let failed = writes.compactMap(\.outcome).filter { $0.phase == .error } + readErrors
        let locked = failed.filter { $0.reason == "locked" }
        let other = failed.filter { $0.reason != "locked" }
        func sample(_ rs: [StressRecord]) -> String {
            Self.list(rs.map { "worker \($0.worker): \($0.detail ?? $0.reason ?? "?")" }, of: rs.count)
        }
        return [
            StressCheckResult(
                "no \"database is locked\" (SQLITE_BUSY) reached a worker", locked.isEmpty,
                locked.isEmpty ? "none in \(writes.count) writes and their reads" : sample(locked)),
            StressCheckResult(
                "no other database or unexpected error reached a worker", other.isEmpty, other.isEmpty ? "none" : sample(other)),
        ]
    }

    // MARK: - Integrity

    /// `PRAGMA integrity_check`, and FTS5's own integrity check of every full-text table against
    /// its content (a write statement that changes nothing; rolled back all the same).
    private func integrity() throws -> [StressCheckResult] {
        let rows = try desk.db.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        let fts = try desk.db.read { db in
            try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'")
        }
        var broken: [String] = []
        for table in fts {
            do {
                try desk.db.writeWithoutTransaction { db in
                    try db.inTransaction {
                        try db.execute(sql: "INSERT INTO \(table)(\(table)) VALUES('integrity-check')")
                        return .rollback
                    }
                }
            } catch {
                broken.append("\(table): \(error)")
            }
        }
        return [
            StressCheckResult("PRAGMA integrity_check", rows == ["ok"], rows.prefix(5).joined(separator: "; ")),
            StressCheckResult(
                "FTS5 integrity-check", broken.isEmpty && !fts.isEmpty,
                broken.isEmpty ? "ok: \(fts.joined(separator: ", "))" : broken.joined(separator: "; ")),
        ]
    }

    static func list(_ items: [String], of total: Int) -> String {
        "\(items.count) of \(total): " + items.prefix(5).joined(separator: "; ") + (items.count > 5 ? "; …" : "")
    }
}

/// A write as its worker logged it: the attempt and, unless the worker died first, its outcome.
public struct StressWrite {
    public var attempt: StressRecord
    public var outcome: StressRecord?
    var name: String { "worker \(attempt.worker) write \(attempt.seq)" }

    /// Pairs attempts with outcomes; records of failed reads (seq < 0) come back apart.
    static func pair(_ records: [StressRecord]) -> ([StressWrite], [StressRecord]) {
        var attempts: [String: StressRecord] = [:]
        var outcomes: [String: StressRecord] = [:]
        var reads: [StressRecord] = []
        for r in records {
            if r.seq < 0 { reads.append(r); continue }
            let key = "\(r.worker)/\(r.seq)"
            if r.phase == .attempt { attempts[key] = r } else { outcomes[key] = r }
        }
        let writes = attempts.map { key, a in StressWrite(attempt: a, outcome: outcomes[key]) }
            .sorted { ($0.attempt.worker, $0.attempt.seq) < ($1.attempt.worker, $1.attempt.seq) }
        return (writes, reads)
    }
}
