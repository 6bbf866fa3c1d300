import ArgumentParser
import DeskModel
import Foundation

struct TicketCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket", abstract: "List, show and change tickets.",
        subcommands: [
            List.self, Show.self, New.self, Reply.self, Note.self, Take.self, Assign.self, Status.self, Priority.self,
            Tag.self, Area.self, Field.self, Merge.self, Link.self, Route.self, Assess.self, SetSeverity.self, Deescalate.self,
        ])

    /// Prints a ticket after a write: JSON, or one line for people.
    static func report(_ desk: Desk, _ id: Int64, json: Bool, said: String) throws {
        let detail = try desk.ticketDetail(id: id)
        if json { print(JSONTime.encode(TicketJSON(detail, withMessages: false))) } else { print(said) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tickets, newest activity first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "open, mine, unassigned or all.") var view: String = "open"
        @Option(help: "Text to filter by (subject words, customer name or email, #N).") var filter: String = ""
        @Option(help: "At most this many rows.") var limit: Int = 50
        @Option(help: "Skip this many rows.") var offset: Int = 0
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let view = try QueueView.parse(view)
            let agentId = view == .mine ? try global.actingAgent(desk).id : nil
            let query = QueueQuery(view: view, filter: filter, agentId: agentId)
            let (total, rows) = try desk.queuePage(query, offset: max(0, offset), limit: max(0, limit))
            let branches = try desk.branchNames(ofTickets: rows.map(\.id))
            let now = desk.clock.now.dbSeconds
            if json {
                print(
                    JSONTime.encode(
                        rows.map { QueueRowJSON($0, branch: branches[$0.id], now: now, settings: desk.policy.sla) }))
                return
            }
            var table = TextTable(
                header: ["#", "Status", "Priority", "Branch", "Assignee", "SLA (next target)", "Customer", "Subject"],
                rightAligned: [0], maxWidths: [3: 16, 6: 24])
            table.rows = rows.map { r in
                [
                    String(r.id), r.status.rawValue, r.priority.rawValue, branches[r.id].map(Plain.line) ?? "—",
                    r.assignee ?? "—", SLACell.text(r.sla, settings: desk.policy.sla, now: now), Plain.line(r.customerName),
                    Plain.line(r.subject),
                ]
            }
            if !rows.isEmpty { table.lines.forEach { print($0) } }
            let capped = !filter.isEmpty && total > QueueQuery.filteredCountCap
            let shown = capped ? "more than \(QueueQuery.filteredCountCap)" : "\(total)"
            print("\(rows.count) of \(shown) tickets (\(view.rawValue)).")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one ticket with its whole history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let d = try desk.ticketDetail(id: id)
            if json { print(JSONTime.encode(TicketJSON(d, withMessages: true))); return }
            let t = d.ticket
            print("#\(id) \(Plain.line(t.subject))")
            print(
                "\(t.status.rawValue) · \(t.priority.rawValue) · \(t.channel.rawValue) · \(d.branch?.name ?? "no branch") · \(d.assignee?.handle ?? "unassigned") · version \(t.version)"
            )
            print(
                "\(Plain.line(d.customer.name)) <\(d.customer.email)> · \(d.customer.tier.rawValue)\(d.organization.map { " · " + $0.name } ?? "")"
            )
            for e in d.timeline {
                let when = JSONTime.format(e.createdAt)
                switch e.kind {
                case .event: print("  · \(when) \(Plain.line(e.author)) \(e.body)")
                default:
                    let label =
                        switch e.kind {
                        case .internalNote: "INTERNAL NOTE"
                        case .customerMessage: "customer"
                        case .systemMessage: "machine mail" + (e.auto.map { " (\($0.rawValue))" } ?? "")
                        default: "reply"
                        }
                    print("\n[\(when)] \(Plain.line(e.author)) — \(label)")
                    print(Plain.block(e.body))
                }
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a ticket for a customer (created if new).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Customer email address.") var customer: String
        @Option(help: "Subject line.") var subject: String
        @Option(help: "email, chat, web or phone.") var channel: String
        @Option(help: "low, normal, high or urgent.") var priority: String = "normal"
        @Option(help: "First message; '-' or absent reads standard input.") var body: String?
        @Option(name: .customLong("product-area"), help: "Product area (routing rules may use it).") var productArea: String?
        @Option(help: "Tags, comma-separated.") var tags: String = ""
        @Option(name: .customLong("to"), help: "The address the customer wrote to (routing rules may use it).") var recipient:
            String?
        @Option(help: "Language tag of the customer's text, e.g. de (routing rules may use it).") var language: String?
        @Flag(help: "Print the created ticket as JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let actor = try global.actingAgent(desk)
            let channel = try Channel.parse(channel, field: "channel")
            let priority = try TicketPriority.parse(priority, field: "priority")
            let text = try readBody(body)
            let t = try desk.createTicket(
                by: actor, customerEmail: customer, subject: subject, channel: channel,
                body: text, priority: priority, productArea: productArea,
                tags: tags.split(separator: ",").map(String.init), recipient: recipient, language: language)
            try TicketCommand.report(
                desk, t.id!, json: json, said: "Created ticket #\(t.id!), routed by \(t.routedBy ?? "default").")
        }
    }

    /// What `reply` and `note` share: the ticket, the text, the version guard.
    struct MessageArguments: ParsableArguments {
        @Argument(help: "Ticket number.") var id: Int64
        @Option(help: "Text; '-' or absent reads standard input (not read when --template gives the text).") var body: String?
        @Option(help: "Start from this template, filled for the ticket (its macro actions apply).") var template: String?
        @Option(help: "Then set the status: pending or solved.") var then: String?
        @Flag(name: .customLong("confirm-internal"), help: "Send a public reply even though it contains internal-only text.")
        var confirmInternal = false
        @Option(name: .customLong("if-version"), help: "Refuse if the ticket changed since this version.") var version: Int?
        @Flag(help: "Print JSON.") var json = false

        func post(_ global: GlobalOptions, visibility: Visibility, asCustomer: Bool = false, repro: Bool = false) throws {
            let desk = try global.openDesk()
            let text = try readBody(body)
            if asCustomer {
                let t = try desk.customerReply(ticket: id, body: text)
                let said =
                    t.id == id
                    ? "Customer replied on #\(id) (now \(t.status.rawValue))." : "#\(id) is closed: opened follow-up #\(t.id!)."
                try TicketCommand.report(desk, t.id!, json: json, said: said)
                return
            }
            let actor = try global.actingAgent(desk)
            if !repro {
                try send(desk, actor: actor, text: text, visibility: visibility)
                return
            }
            let t =
                visibility == .public
                ? try desk.reply(ticket: id, body: text, by: actor, expectedVersion: version)
                : repro
                    ? try desk.reproNote(ticket: id, body: text, by: actor, expectedVersion: version)
                    : try desk.note(ticket: id, body: text, by: actor, expectedVersion: version)
            if visibility == .internal { MentionWarnings.print(try desk.mentions(in: text, by: actor)) }
            let verb = visibility == .public ? "Replied on" : "Noted on"
            try TicketCommand.report(desk, id, json: json, said: "\(verb) #\(id) (version \(t.version)).")
        }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send a public reply to the customer (on an email ticket it is mailed; see `desk outbox`).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var message: MessageArguments
        @Flag(name: .customLong("as-customer"), help: "Record it as the customer's message (reopens a solved ticket).")
        var asCustomer = false
        func run() throws { try message.post(global, visibility: .public, asCustomer: asCustomer) }
    }

    struct Field: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set one of the policy's custom fields ({{custom.NAME}} in templates); an empty value clears it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var id: Int64
        @Argument(help: "Field name (policy: replies.custom_fields).") var name: String
        @Argument(help: "Value.") var value: String
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            try desk.setField(ticket: id, name, to: value, by: try global.actingAgent(desk))
            try TicketCommand.report(desk, id, json: json, said: "#\(id): \(name) = \(value.isEmpty ? "(cleared)" : value).")
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an internal note (never visible to the customer).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var message: MessageArguments
        @Flag(help: "Mark it as reproduction steps (an escalation package's repro lines cite it).") var repro = false
        func run() throws { try message.post(global, visibility: .internal, repro: repro) }
    }

    struct Assess: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record impact and workaround; the severity rubric reads them (never the wording of the thread).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Option(help: "single, team or organization.") var impact: String?
        @Option(help: "yes, no or unknown.") var workaround: String?

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let i = try impact.map { try Impact.parse($0, field: "impact") }
                let w = try workaround.map { try Workaround.parse($0, field: "workaround") }
                let t = try desk.assess(ticket: id, impact: i, workaround: w, by: actor, expectedVersion: version)
                return (
                    t,
                    "#\(id) is \(t.severity?.rawValue ?? "not rated") (\(t.severityOverride.map { _ in "set by hand" } ?? "rubric row \(t.severityRule ?? "?")"))"
                )
            }
        }
    }

    struct SetSeverity: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "severity", abstract: "Set the severity by hand with a reason, or hand it back to the rubric.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "sev1 … sev4, or 'rubric'.") var severity: String
        @Option(help: "Why (required when set by hand).") var reason: String?

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let s = severity.lowercased() == "rubric" ? nil : try Severity.parse(severity, field: "severity")
                let t = try desk.overrideSeverity(ticket: id, to: s, reason: reason, by: actor, expectedVersion: version)
                return (
                    t,
                    "#\(id) is now \(t.severity?.rawValue ?? "not rated")\(s == nil ? " (rubric row \(t.severityRule ?? "?"))" : "")"
                )
            }
        }
    }

    struct Deescalate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a ticket back to the branch and agent it was escalated from (resolving an accepted escalation).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Option(help: "Why.") var reason: String?

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                (try desk.deescalate(ticket: id, reason: reason, by: actor, expectedVersion: version), "#\(id) is back at tier 1")
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign a ticket to an agent, or move it to a branch.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "Agent handle (omit with --branch).") var handle: String?
        @Option(help: "Move the ticket to this branch instead (its assignment mode may pick an owner).") var branch: String?

        func validate() throws {
            guard (handle == nil) != (branch == nil) else {
                throw ValidationError("give an agent handle or --branch NAME, not both.")
            }
        }

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                if let branch {
                    let t = try desk.move(ticket: id, toBranch: branch, by: actor, expectedVersion: version)
                    return (t, "Moved #\(id) to \(branch)")
                }
                let t = try desk.assign(ticket: id, to: handle!, by: actor, expectedVersion: version)
                return (t, "Assigned #\(id) to \(handle!)")
            }
        }
    }

    struct Take: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Assign a ticket to yourself.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                (try desk.take(ticket: id, by: actor, expectedVersion: version), "\(actor.handle) took #\(id)")
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a ticket's status (the lifecycle decides which moves are allowed).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "open, pending, on-hold, solved or closed.") var status: String

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let s = try TicketStatus.parse(status, field: "status")
                return (try desk.setStatus(ticket: id, to: s, by: actor, expectedVersion: version), "#\(id) is now \(s.rawValue)")
            }
        }
    }

    struct Priority: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a ticket's priority.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "low, normal, high or urgent.") var priority: String

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let p = try TicketPriority.parse(priority, field: "priority")
                return (
                    try desk.setPriority(ticket: id, to: p, by: actor, expectedVersion: version),
                    "#\(id) is now \(p.rawValue) priority"
                )
            }
        }
    }

    struct Tag: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a tag to a ticket (or remove one).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "The tag.") var tag: String
        @Flag(help: "Remove the tag instead.") var remove = false

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let t = try desk.tag(ticket: id, tag, remove: remove, by: actor, expectedVersion: version)
                let stored = Desk.normalisedTag(tag)  // what was stored, not what was typed
                return (t, remove ? "Removed tag \(stored) from #\(id)" : "Tagged #\(id) \(stored)")
            }
        }
    }

    struct Area: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a ticket's product area (routing and the repeated-ticket marker use it).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "The product area, one word (e.g. billing); omit with --clear.") var area: String?
        @Flag(help: "Clear the product area.") var clear = false

        func validate() throws {
            guard (area == nil) == clear else { throw ValidationError("give a product area or --clear, not both or neither") }
        }

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                let t = try desk.setProductArea(ticket: id, to: area ?? "", by: actor, expectedVersion: version)
                return (t, clear ? "Cleared the product area of #\(id)" : "Product area of #\(id) is \(t.productArea ?? "")")
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a duplicate into another ticket (its history moves over; it closes and points there).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Option(help: "The ticket that survives.") var into: Int64

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                (try desk.merge(ticket: id, into: into, by: actor, expectedVersion: version), "Merged #\(id) into #\(into)")
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link two related tickets.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Argument(help: "The related ticket.") var other: Int64

        func run() throws {
            try target.perform(global) { desk, actor, id, version in
                (try desk.link(ticket: id, to: other, by: actor, expectedVersion: version), "Linked #\(id) and #\(other)")
            }
        }
    }

    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Route a ticket again by the policy, or explain how it would be routed.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var target: TicketTarget
        @Flag(help: "Print every rule tried and why it did or did not match; change nothing.") var explain = false

        func run() throws {
            if explain {
                let desk = try global.openDesk()
                print(try desk.explainRoute(ticket: target.id).explanation())
                return
            }
            try target.perform(global) { desk, actor, id, version in
                let t = try desk.route(ticket: id, by: actor, expectedVersion: version)
                return (t, "Routed #\(id) by \(t.routedBy ?? "default")")
            }
        }
    }
}

/// The ticket a change applies to, the version guard and the output format, shared by every change command.
struct TicketTarget: ParsableArguments {
    @Argument(help: "Ticket number.") var id: Int64
    @Option(name: .customLong("if-version"), help: "Refuse if the ticket changed since this version.") var version: Int?
    @Flag(help: "Print JSON.") var json = false

    func perform(_ global: GlobalOptions, _ body: (Desk, Agent, Int64, Int?) throws -> (Ticket, String)) throws {
        let desk = try global.openDesk()
        let actor = try global.actingAgent(desk)
        let (t, said) = try body(desk, actor, id, version)
        try TicketCommand.report(desk, t.id ?? id, json: json, said: "\(said) (version \(t.version)).")
    }
}

extension String {
    /// Space-padded columns for plain CLI tables (ASCII fields only).
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}

/// Plain-text output for people goes through the same sanitiser as the console.
enum Plain {
    static func line(_ s: String) -> String { Sanitizer.singleLine(s) }
    static func block(_ s: String) -> String {
        Sanitizer.multiline(s).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
