import Foundation
import GRDB

/// An escalation with the names people read, for panels, lists and the lead's view.
public struct EscalationSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var ticketId: Int64
    public var subject: String
    public var state: EscalationState
    public var fromBranch: String?
    public var fromAgent: String?
    public var toBranch: String
    public var toAgent: String?
    public var acceptedBy: String?
    public var severity: Severity?
    /// The next owner's step (the first next action), for one-line views.
    public var nextAction: String
    public var reason: String?
    public var late: Bool
    public var requestedAt: Int64
    public var acceptedAt: Int64?
    public var returnedAt: Int64?
    public var resolvedAt: Int64?
    public var withdrawnAt: Int64?
    /// Returns of this ticket so far (all escalations).
    public var bounces: Int

    /// When it last changed state.
    public var changedAt: Int64 { [acceptedAt, returnedAt, resolvedAt, withdrawnAt].compactMap { $0 }.max() ?? requestedAt }

    static let select = """
        SELECT e.id, e.ticketId, t.subject, e.state, fb.name AS fromBranch, fa.handle AS fromAgent, tb.name AS toBranch,
               ta.handle AS toAgent, aa.handle AS acceptedBy, json_extract(e.package, '$.severity.severity') AS severity,
               COALESCE(json_extract(e.package, '$.nextActions[0].action'), json_extract(e.package, '$.nextAction')) AS nextAction, e.reason, e.late, e.createdAt, e.acceptedAt,
               e.returnedAt, e.resolvedAt, e.withdrawnAt,
               (SELECT count(*) FROM escalations r WHERE r.ticketId = e.ticketId AND r.state = 'returned') AS bounces
        FROM escalations e JOIN tickets t ON t.id = e.ticketId
        LEFT JOIN branches fb ON fb.id = e.fromBranchId LEFT JOIN agents fa ON fa.id = e.fromAgentId
        JOIN branches tb ON tb.id = e.toBranchId LEFT JOIN agents ta ON ta.id = e.toAgentId
        LEFT JOIN agents aa ON aa.id = e.acceptedById
        """

    init(row r: Row) {
        id = r["id"]; ticketId = r["ticketId"]; subject = r["subject"]
        state = EscalationState(rawValue: r["state"]) ?? .requested
        fromBranch = r["fromBranch"]; fromAgent = r["fromAgent"]; toBranch = r["toBranch"]; toAgent = r["toAgent"]
        acceptedBy = r["acceptedBy"]; severity = (r["severity"] as String?).flatMap(Severity.init(rawValue:))
        nextAction = r["nextAction"] ?? ""; reason = r["reason"]; late = r["late"]
        requestedAt = r["createdAt"]; acceptedAt = r["acceptedAt"]; returnedAt = r["returnedAt"]
        resolvedAt = r["resolvedAt"]; withdrawnAt = r["withdrawnAt"]; bounces = r["bounces"]
    }

    static func fetch(_ db: Database, where clause: String, _ args: StatementArguments = [], limit: Int = 200) throws -> [Self] {
        try Row.fetchAll(db, sql: "\(select) WHERE \(clause) LIMIT \(limit)", arguments: args).map(Self.init(row:))
    }
}

/// The ticket pane's escalation panel: triggers holding now, the open escalation, the history.
public struct EscalationPanel: Sendable, Equatable {
    public var triggers: [TriggerRecord]
    public var history: [EscalationSummary]
    /// The policy's window for acting on a trigger, in seconds.
    public var window: Int64
    /// The package of the newest escalation (`history.first`): what the receiver reads.
    public var package: EscalationPackage?
    public var current: EscalationSummary? { history.first { $0.state.isOpen } }
    public var bounces: Int { history.filter { $0.state == .returned }.count }

    public init(triggers: [TriggerRecord], history: [EscalationSummary], window: Int64, package: EscalationPackage? = nil) {
        self.triggers = triggers; self.history = history; self.window = window; self.package = package
    }

    static func load(_ db: Database, ticket id: Int64, window: Int64) throws -> EscalationPanel {
        let triggers = try TriggerRecord.fetchAll(
            db.cachedStatement(
                sql: "SELECT * FROM ticket_triggers WHERE ticketId = ? AND clearedAt IS NULL ORDER BY firedAt, id"),
            arguments: [id])
        let history = try EscalationSummary.fetch(db, where: "e.ticketId = ? ORDER BY e.id DESC", [id], limit: 20)
        let package = try history.first.flatMap { e in
            try String.fetchOne(db.cachedStatement(sql: "SELECT package FROM escalations WHERE id = ?"), arguments: [e.id])
        }.flatMap { try? JSONDecoder().decode(EscalationPackage.self, from: Data($0.utf8)) }
        return EscalationPanel(triggers: triggers, history: history, window: window, package: package)
    }
}

/// The lead's escalation view: waiting for acceptance (oldest first), recent bounces, late ones.
public struct EscalationOverview: Sendable, Equatable {
    public var waiting: [EscalationSummary]
    public var bounced: [EscalationSummary]
    /// Triggers past the policy's window that nobody acted on (ticket, subject, trigger).
    public var lateTriggers: [LateTrigger]
    /// Escalations requested after a trigger had waited past the window, most recent first.
    public var lateEscalations: [EscalationSummary]

    public struct LateTrigger: Sendable, Equatable, Codable {
        public var ticketId: Int64
        public var subject: String
        public var branch: String?
        public var trigger: TriggerRecord
    }

    static func load(_ db: Database, now: Int64, window: Int64, limit: Int = 50) throws -> EscalationOverview {
        let waiting = try EscalationSummary.fetch(db, where: "e.state = 'requested' ORDER BY e.createdAt", limit: limit)
        let bounced = try EscalationSummary.fetch(db, where: "e.state = 'returned' ORDER BY e.returnedAt DESC", limit: limit)
        let late = try EscalationSummary.fetch(db, where: "e.late = 1 ORDER BY e.createdAt DESC", limit: limit)
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT g.*, t.subject, b.name AS branch FROM ticket_triggers g INDEXED BY ticket_triggers_waiting
                JOIN tickets t ON t.id = g.ticketId LEFT JOIN branches b ON b.id = t.branchId
                WHERE g.clearedAt IS NULL AND g.actedAt IS NULL AND g.firedAt < ? ORDER BY g.firedAt LIMIT ?
                """, arguments: [now - window, limit])
        let lateTriggers = try rows.map { r in
            LateTrigger(ticketId: r["ticketId"], subject: r["subject"], branch: r["branch"], trigger: try TriggerRecord(row: r))
        }
        return EscalationOverview(waiting: waiting, bounced: bounced, lateTriggers: lateTriggers, lateEscalations: late)
    }
}

/// `desk report escalations`: how escalation goes, overall and per branch it left from.
public struct EscalationReport: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var branch: String
        /// Tickets created in the period (the rate's denominator).
        public var tickets: Int
        public var escalations: Int
        /// Escalations per ticket created, 0…1.
        public var escalationRate: Double
        /// Median minutes from request to acceptance (accepted ones), nil when none.
        public var medianMinutesToAccept: Double?
        public var bounces: Int
        public var bounceRate: Double
        public var late: Int
        /// Escalations of tickets escalated more than once.
        public var repeatEscalations: Int
    }
    public var from: Int64
    public var to: Int64
    public var total: Row
    public var branches: [Row]

    /// Everything is counted as it stood when it happened, and only what happened before `to`:
    /// a ticket under the branch it was routed to when it was created (its first routing event),
    /// an escalation under the branch it left from, and an acceptance, a return or a repeat only
    /// when it came before the end of the period. So a closed period's report never changes when
    /// tickets move, or are escalated, accepted or returned again, later.
    static func load(_ db: Database, from: Int64, to: Int64) throws -> EscalationReport {
        let created = try GRDB.Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(
                         (SELECT NULLIF(json_extract(v.data, '$.after'), '') FROM events v
                          WHERE v.ticketId = t.id AND v.kind IN ('ticket.routed', 'ticket.moved') ORDER BY v.id LIMIT 1),
                         b.name, '(none)') AS branch,
                       count(*) AS n
                FROM tickets t LEFT JOIN branches b ON b.id = t.branchId
                WHERE t.createdAt >= ? AND t.createdAt < ? GROUP BY 1
                """, arguments: [from, to])
        var ticketsBy: [String: Int] = [:]
        for r in created { ticketsBy[r["branch"]] = r["n"] }
        let escalations = try GRDB.Row.fetchAll(
            db,
            sql: """
                SELECT COALESCE(b.name, '(none)') AS branch, e.ticketId, e.late, e.createdAt,
                       CASE WHEN e.acceptedAt < :to THEN e.acceptedAt END AS acceptedAt,
                       CASE WHEN e.returnedAt < :to THEN e.returnedAt END AS returnedAt,
                       (SELECT count(*) FROM escalations o WHERE o.ticketId = e.ticketId AND o.createdAt < :to) AS perTicket
                FROM escalations e INDEXED BY escalations_created LEFT JOIN branches b ON b.id = e.fromBranchId
                WHERE e.createdAt >= :from AND e.createdAt < :to
                """, arguments: ["from": from, "to": to])
        var groups: [String: [GRDB.Row]] = [:]
        for r in escalations { groups[r["branch"], default: []].append(r) }
        func row(_ name: String, _ rs: [GRDB.Row], tickets: Int) -> Row {
            let waits = rs.compactMap { r -> Double? in
                (r["acceptedAt"] as Int64?).map { Double($0 - (r["createdAt"] as Int64)) / 60 }
            }.sorted()
            let median: Double? =
                waits.isEmpty
                ? nil : waits.count % 2 == 1 ? waits[waits.count / 2] : (waits[waits.count / 2 - 1] + waits[waits.count / 2]) / 2
            let bounces = rs.filter { $0["returnedAt"] as Int64? != nil }.count
            return Row(
                branch: name, tickets: tickets, escalations: rs.count,
                escalationRate: tickets == 0 ? 0 : Double(Set(rs.map { $0["ticketId"] as Int64 }).count) / Double(tickets),
                medianMinutesToAccept: median, bounces: bounces,
                bounceRate: rs.isEmpty ? 0 : Double(bounces) / Double(rs.count),
                late: rs.filter { $0["late"] as Bool }.count,
                repeatEscalations: rs.filter { ($0["perTicket"] as Int) > 1 }.count)
        }
        let names = Set(ticketsBy.keys).union(groups.keys).sorted()
        return EscalationReport(
            from: from, to: to, total: row("all branches", escalations, tickets: ticketsBy.values.reduce(0, +)),
            branches: names.map { row($0, groups[$0] ?? [], tickets: ticketsBy[$0] ?? 0) })
    }
}

extension Desk {
    public func escalationPanel(ticket id: Int64) throws -> EscalationPanel {
        try db.read { try EscalationPanel.load($0, ticket: id, window: Int64(policy.escalation.actWithinMinutes) * 60) }
    }

    public func escalationOverview() throws -> EscalationOverview {
        let now = clock.now.dbSeconds
        return try db.read { try EscalationOverview.load($0, now: now, window: Int64(policy.escalation.actWithinMinutes) * 60) }
    }

    /// Escalations, newest first, optionally in one state.
    public func escalations(state: EscalationState?, limit: Int = 200) throws -> [EscalationSummary] {
        try db.read { db in
            if let state {
                return try EscalationSummary.fetch(db, where: "e.state = ? ORDER BY e.id DESC", [state.rawValue], limit: limit)
            }
            return try EscalationSummary.fetch(db, where: "1 ORDER BY e.id DESC", limit: limit)
        }
    }

    public func escalation(id: Int64) throws -> (Escalation, EscalationSummary) {
        try db.read { db in
            guard let e = try Escalation.fetchOne(db, key: id),
                let s = try EscalationSummary.fetch(db, where: "e.id = ?", [id]).first
            else { throw DeskError.invalidRequest("no escalation #\(id).") }
            return (e, s)
        }
    }

    public func escalationReport(from: Date, to: Date) throws -> EscalationReport {
        try db.read { try EscalationReport.load($0, from: from.dbSeconds, to: to.dbSeconds) }
    }
}
