import DeskModel
import Foundation

// The `--json` shapes of the escalation commands (docs/cli.md, docs/json-schema/). The model's
// own Codable forms are storage formats with epoch seconds; these say times in ISO 8601 UTC.

/// One escalation as `escalation list` and the others name it.
struct EscalationSummaryJSON: Encodable {
    var id: Int64
    var ticket: Int64
    var subject: String
    var state: String
    var fromBranch: String?
    var fromAgent: String?
    var toBranch: String
    var toAgent: String?
    var acceptedBy: String?
    var severity: String?
    var nextAction: String
    var reason: String?
    var late: Bool
    var bounces: Int
    var requestedAt: String
    var acceptedAt: String?
    var returnedAt: String?
    var resolvedAt: String?
    var withdrawnAt: String?

    init(_ s: EscalationSummary) {
        id = s.id; ticket = s.ticketId; subject = s.subject; state = s.state.rawValue
        fromBranch = s.fromBranch; fromAgent = s.fromAgent; toBranch = s.toBranch; toAgent = s.toAgent
        acceptedBy = s.acceptedBy; severity = s.severity?.rawValue; nextAction = s.nextAction; reason = s.reason
        late = s.late; bounces = s.bounces
        requestedAt = JSONTime.format(s.requestedAt); acceptedAt = s.acceptedAt.map(JSONTime.format)
        returnedAt = s.returnedAt.map(JSONTime.format); resolvedAt = s.resolvedAt.map(JSONTime.format)
        withdrawnAt = s.withdrawnAt.map(JSONTime.format)
    }
}

/// A trigger that held on a ticket.
struct TriggerJSON: Encodable {
    var kind: String
    var reason: String
    var source: String
    var firedAt: String
    var actedAt: String?
    var clearedAt: String?

    init(_ t: TriggerRecord) {
        kind = t.kind.rawValue; reason = t.reason; source = t.source; firedAt = JSONTime.format(t.firedAt)
        actedAt = t.actedAt.map(JSONTime.format); clearedAt = t.clearedAt.map(JSONTime.format)
    }
}

/// `escalate`, `escalation show` and the step commands: the escalation, its package, the
/// triggers that held when it was requested.
struct EscalationJSON: Encodable {
    var escalation: EscalationSummaryJSON
    var package: EscalationPackage?
    var triggers: [TriggerJSON]
    init(_ e: Escalation, _ s: EscalationSummary) {
        escalation = EscalationSummaryJSON(s); package = e.decodedPackage; triggers = e.decodedTriggers.map(TriggerJSON.init)
    }
}

/// `escalation draft`: the package, where it may go, and what the review would refuse.
struct DraftJSON: Encodable {
    struct Failure: Encodable {
        var field: String
        var message: String
    }
    var ticket: Int64
    var version: Int
    var package: EscalationPackage
    var targets: [String]
    var triggers: [TriggerJSON]
    var failures: [Failure]
    var ready: Bool

    init(_ d: EscalationDraft) {
        ticket = d.ticketId; version = d.version; package = d.package; targets = d.targets
        triggers = d.triggers.map(TriggerJSON.init)
        failures = d.failures.map { Failure(field: $0.field.rawValue, message: $0.message) }
        ready = failures.isEmpty
    }
}

/// `escalation overview`.
struct OverviewJSON: Encodable {
    struct LateTrigger: Encodable {
        var ticket: Int64
        var subject: String
        var branch: String?
        var trigger: TriggerJSON
    }
    var waiting: [EscalationSummaryJSON]
    var bounced: [EscalationSummaryJSON]
    var lateTriggers: [LateTrigger]
    var lateEscalations: [EscalationSummaryJSON]
    init(_ o: EscalationOverview) {
        waiting = o.waiting.map(EscalationSummaryJSON.init); bounced = o.bounced.map(EscalationSummaryJSON.init)
        lateTriggers = o.lateTriggers.map {
            LateTrigger(ticket: $0.ticketId, subject: $0.subject, branch: $0.branch, trigger: TriggerJSON($0.trigger))
        }
        lateEscalations = o.lateEscalations.map(EscalationSummaryJSON.init)
    }
}

/// `report escalations`: the period in ISO 8601, the rows as computed.
struct EscalationReportJSON: Encodable {
    var from: String
    var to: String
    var total: EscalationReport.Row
    var branches: [EscalationReport.Row]
    init(_ r: EscalationReport) {
        from = JSONTime.format(r.from); to = JSONTime.format(r.to); total = r.total; branches = r.branches
    }
}
