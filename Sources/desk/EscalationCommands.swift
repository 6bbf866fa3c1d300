import ArgumentParser
import DeskModel
import Foundation

/// `desk escalate N --to BRANCH …`: the package prefilled from the ticket, with what the options
/// give; refused with every review failure when it is not ready.
struct EscalateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalate", abstract: "Escalate a ticket with a handoff package (see docs/escalation.md).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Ticket number.") var id: Int64
    @Option(help: "The branch it goes to (an escalation path of the ticket's branch).") var to: String
    @Option(name: .customLong("to-agent"), help: "The agent of that branch it goes to, by handle.") var toAgent: String?
    @Option(
        help: "Summary lines (newline-separated), each ending with its sources: [#N], [field F], [rule R]. Default: prefilled.")
    var summary: String?
    @Option(help: "Reproduction steps, one per line, each with its sources. Default: the notes marked repro.") var repro: String?
    @Option(
        name: .customLong("next-action"),
        help:
            "What the next owner should do first (required); repeatable, 'OWNER: action' names another owner (a target branch, its agent, the account owner's handle)."
    )
    var nextAction: [String] = []
    @Option(help: "Impact: single, team or organization.") var impact: String?
    @Option(help: "Workaround: yes, no or unknown.") var workaround: String?
    @Option(
        name: .customLong("workaround-text"),
        help: "How the customer gets round it, in words for the customer (the update states it).")
    var workaroundText: String?
    @Option(help: "Severity set by hand (sev1 … sev4); needs --severity-reason.") var severity: String?
    @Option(name: .customLong("severity-reason"), help: "Why the rubric's severity is overridden.") var severityReason: String?
    @Option(help: "Acknowledge a missing-information item by key (repeatable), or 'all'.") var acknowledge: [String] = []
    @Flag(name: .customLong("send-update"), help: "Send the customer-safe update as a public reply.") var sendUpdate = false
    @Option(help: "The customer-safe update's text (default: the policy's template).") var update: String?
    @Option(name: .customLong("if-version"), help: "Refuse if the ticket changed since this version.") var version: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let desk = try global.openDesk()
        let actor = try global.actingAgent(desk)
        var draft = try desk.escalationDraft(ticket: id, by: actor, to: to)
        var p = draft.package
        if let summary { p.summary = Claim.parseLines(summary) }
        if let repro { p.repro = Claim.parseLines(repro) }
        p.toAgent = toAgent
        if !nextAction.isEmpty {
            let given = nextAction.map { NextAction.parse($0, owners: draft.owners, defaultOwner: p.toBranch) }
            // Given actions replace the prefilled ones of the same owners; others stay.
            p.nextActions =
                given + p.nextActions.filter { a in !given.contains { $0.owner.lowercased() == a.owner.lowercased() } }
        }
        if let impact { p.impact = try Impact.parse(impact, field: "impact") }
        if let workaround { p.workaround = try Workaround.parse(workaround, field: "workaround") }
        if let workaroundText { p.workaroundText = workaroundText }
        if let text = draft.renderUpdate(for: p) { p.customerUpdate = text }
        if let severity {
            p.severity = SeverityAssessment(
                severity: try Severity.parse(severity, field: "severity"), rule: "override", rationale: severityReason ?? "")
            p.severityOverride = severityReason ?? ""
        }
        if let update { p.customerUpdate = update }
        p.sendUpdate = sendUpdate
        draft.package = p
        let known = p.missing.map(\.key)
        for key in acknowledge where key != "all" && !known.contains(key) {
            throw ValidationError(
                "nothing missing is called '\(key)' (missing now: \(known.isEmpty ? "nothing" : known.joined(separator: ", "))).")
        }
        for i in p.missing.indices where acknowledge.contains("all") || acknowledge.contains(p.missing[i].key) {
            p.missing[i].acknowledged = true
        }
        let e = try desk.escalate(ticket: id, package: p, by: actor, expectedVersion: version)
        let (_, s) = try desk.escalation(id: e.id!)
        if json { print(JSONTime.encode(EscalationJSON(e, s))); return }
        print(
            "Escalation #\(e.id!): ticket #\(id) to \(s.toBranch)\(s.toAgent.map { " (\($0))" } ?? "")\(e.late ? ", late" : "").")
    }
}

struct EscalationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escalation", abstract: "Act on escalations and list them.",
        subcommands: [Draft.self, Show.self, List.self, Accept.self, Return.self, Resolve.self, Withdraw.self, Overview.self])

    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the package the composer would start from.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var id: Int64
        @Option(help: "The branch it would go to.") var to: String?
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            let d = try desk.escalationDraft(ticket: id, by: try global.readingAgent(desk), to: to)
            if json { print(JSONTime.encode(DraftJSON(d))); return }
            print(PackageOutline(d.package).textLines.joined(separator: "\n"))
            let failures = d.failures
            print(
                failures.isEmpty
                    ? "\nReady to submit."
                    : "\nNot ready yet:\n" + failures.map { "  - \($0.field.label): \($0.message)" }.joined(separator: "\n"))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One escalation with its package.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Escalation number.") var id: Int64
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let (e, s) = try global.openDesk().escalation(id: id)
            if json { print(JSONTime.encode(EscalationJSON(e, s))); return }
            print(EscalationLine.text(s))
            if let p = e.decodedPackage {
                print(PackageOutline(p, request: s, time: { JSONTime.format($0) }).textLines.joined(separator: "\n"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Escalations, newest first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "requested, accepted, returned, resolved or withdrawn.") var state: String?
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let st = try state.map { try EscalationState.parse($0, field: "escalation state") }
            let list = try global.openDesk().escalations(state: st)
            if json { print(JSONTime.encode(list.map(EscalationSummaryJSON.init))); return }
            for s in list { print(EscalationLine.text(s)) }
            print("\(list.count) escalation\(list.count == 1 ? "" : "s")\(st.map { " \($0.rawValue)" } ?? "").")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Accept an escalation sent to your branch: you own the ticket.")
        @OptionGroup var step: StepArguments
        func run() throws { try step.perform("Accepted") { d, id, a in try d.acceptEscalation(id, by: a) } }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send an escalation back, with a reason (a bounce).")
        @OptionGroup var step: StepArguments
        func validate() throws {
            if (step.reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--reason is required: say why it goes back.")
            }
        }
        func run() throws {
            try step.perform("Returned") { d, id, a in try d.returnEscalation(id, reason: step.reason ?? "", by: a) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark an accepted escalation done.")
        @OptionGroup var step: StepArguments
        func run() throws { try step.perform("Resolved") { d, id, a in try d.resolveEscalation(id, reason: step.reason, by: a) } }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Call off an escalation you requested, before it is accepted.")
        @OptionGroup var step: StepArguments
        func run() throws {
            try step.perform("Withdrew") { d, id, a in try d.withdrawEscalation(id, reason: step.reason, by: a) }
        }
    }

    struct Overview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The lead's view: waiting for acceptance, bounced, late (after sweeping triggers).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            try desk.sweepTriggers()
            let o = try desk.escalationOverview()
            let now = desk.clock.now.dbSeconds
            if json { print(JSONTime.encode(OverviewJSON(o))); return }
            print("Waiting for acceptance (\(o.waiting.count)):")
            for s in o.waiting { print("  " + EscalationLine.text(s) + " · waiting \(Ages.text(now - s.requestedAt))") }
            print("Bounced (\(o.bounced.count)):")
            for s in o.bounced { print("  " + EscalationLine.text(s)) }
            print("Late: triggers nobody acted on (\(o.lateTriggers.count)):")
            for l in o.lateTriggers {
                print(
                    "  #\(l.ticketId) \(Plain.line(l.subject)) · \(Plain.line(l.trigger.text)) · for \(Ages.text(now - l.trigger.firedAt))"
                )
            }
            print("Late escalations (\(o.lateEscalations.count)):")
            for s in o.lateEscalations { print("  " + EscalationLine.text(s)) }
        }
    }
}

/// Escalation number, who acts, the reason: what every step command takes.
struct StepArguments: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Escalation number.") var id: Int64
    @Option(help: "Why (required to return).") var reason: String?
    @Flag(help: "Print JSON.") var json = false

    func perform(_ verb: String, _ body: (Desk, Int64, Agent) throws -> Escalation) throws {
        let desk = try global.openDesk()
        let e = try body(desk, id, try global.actingAgent(desk))
        let (_, s) = try desk.escalation(id: e.id!)
        if json { print(JSONTime.encode(EscalationJSON(e, s))); return }
        print("\(verb) escalation #\(id) (ticket #\(e.ticketId)).")
    }
}

struct IncidentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incident", abstract: "Open incidents: tickets carrying an incident's tag want a customer update.",
        subcommands: [Open.self, Close.self, List.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open an incident under a tag.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The tag tickets carry.") var tag: String
        @Option(help: "What is happening.") var title: String
        func run() throws {
            let i = try global.openDesk().openIncident(tag: tag, title: title)
            print("Incident '\(i.tag)' open: \(Plain.line(i.title)).")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an incident.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Its tag.") var tag: String
        func run() throws {
            try global.openDesk().closeIncident(tag: tag)
            print("Incident '\(tag)' closed.")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Incidents, open ones first.")
        @OptionGroup var global: GlobalOptions
        func run() throws {
            for i in try global.openDesk().incidents() {
                print("\(i.tag.rightPadded(16)) \(i.closedAt == nil ? "open  " : "closed") \(Plain.line(i.title))")
            }
        }
    }
}

/// One line per escalation for people.
enum EscalationLine {
    static func text(_ s: EscalationSummary) -> String {
        var t = "#\(s.id) ticket #\(s.ticketId) \(s.state.rawValue) · \(s.fromBranch ?? "?") → \(s.toBranch)"
        if let a = s.toAgent { t += " (\(a))" }
        if let sev = s.severity { t += " · \(sev.rawValue)" }
        if s.late { t += " · late" }
        if let r = s.reason, !r.isEmpty { t += " · \(Plain.line(r))" }
        return t + " · " + Plain.line(s.subject)
    }
}

enum Ages {
    static func text(_ seconds: Int64) -> String {
        let m = max(0, seconds) / 60
        return m < 60 ? "\(m) min" : m < 2880 ? "\(m / 60) h \(m % 60) min" : "\(m / 1440) days"
    }
}
