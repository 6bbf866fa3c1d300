import ArgumentParser
import DeskModel
import Foundation

struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Explain a ticket's SLA; the lead's SLA board.",
        subcommands: [Explain.self, Board.self])

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The policy and calendar applied, and each target's start, pauses, time counted, deadline and state.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            guard let report = try desk.slaReport(ticket: id) else {
                print("#\(id): no SLA policy of the policy file covers this ticket.")
                return
            }
            if json {
                let data = try JSONSerialization.data(
                    withJSONObject: report.json(ticket: id), options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(report.explanation(ticket: id))
            }
        }
    }

    struct Board: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The lead's SLA board: per-branch and per-agent counts, and unsolved tickets nearest to breach.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this branch.") var branch: String?
        @Option(help: "Only customers of this tier (standard, vip, strategic).") var tier: String?
        @Option(help: "How many tickets to list.") var limit = 20
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let tier = try self.tier.map { t in
                guard let v = CustomerTier(rawValue: t.lowercased()) else {
                    throw DeskError.invalidValue(field: "tier", value: t, allowed: CustomerTier.allCases.map(\.rawValue))
                }
                return v
            }
            guard limit > 0 else { throw DeskError.invalidRequest("--limit must be at least 1") }
            let board = try desk.slaBoard(SLABoardFilter(branch: branch, tier: tier, limit: limit))
            let view = SLABoardView(board, settings: desk.policy.sla)
            print(json ? JSONTime.encode(view) : view.text)
        }
    }
}

/// `desk sla board` output: the board with each ticket's state and time left worked out.
struct SLABoardView: Encodable {
    struct Ticket: Encodable {
        var id: Int64
        var subject: String
        var status: String
        var priority: String
        var customer: String
        var tier: String
        var branch: String?
        var assignee: String?
        var policy: String?
        var target: String?
        var state: String
        var due: String?
        var warnAt: String?
        /// In the target's own time (business or calendar); negative once breached.
        var leftMinutes: Int64?
    }
    var now: String
    var branch: String?
    var tier: String?
    var open: Int
    var totals: SLALoad
    var branches: [SLALoad]
    var agents: [SLALoad]
    var tickets: [Ticket]

    init(_ board: SLABoard, settings: SLASettings) {
        now = JSONTime.format(board.now)
        branch = board.filter.branch
        tier = board.filter.tier?.rawValue
        open = board.total
        totals = board.totals
        branches = board.branches
        agents = board.agents
        tickets = board.tickets.map { t in
            Ticket(
                id: t.id, subject: t.subject, status: t.status.rawValue, priority: t.priority.rawValue,
                customer: t.customerName, tier: t.customerTier.rawValue, branch: t.branch, assignee: t.assignee,
                policy: t.sla.policy, target: t.sla.target?.rawValue, state: t.sla.state(at: board.now).rawValue,
                due: t.sla.dueAt.map(JSONTime.format), warnAt: t.sla.warnAt.map(JSONTime.format),
                leftMinutes: t.sla.left(at: board.now, settings: settings).map { $0 / 60 })
        }
    }

    var text: String {
        func cells(_ name: String, _ l: SLALoad) -> String {
            Sanitizer.singleLine(name).padding(toLength: 22, withPad: " ", startingAt: 0)
                + [l.open, l.breached, l.atRisk, l.paused].map { String($0).leftPadded(9) }.joined()
        }
        let header = ["open", "breached", "at risk", "paused"].map { $0.leftPadded(9) }.joined()
        var out = [
            "SLA board · \(branch ?? "all branches") · \(tier.map { "\($0) customers" } ?? "all tiers") · \(open) open · \(now)"
        ]
        out.append("")
        out.append("branch".padding(toLength: 22, withPad: " ", startingAt: 0) + header)
        out += branches.map { cells($0.name ?? "(no branch)", $0) }
        out.append(cells("all", totals))
        out.append("")
        out.append("agent".padding(toLength: 22, withPad: " ", startingAt: 0) + header)
        out += agents.map { cells($0.name ?? "(unassigned)", $0) }
        out.append("")
        if tickets.isEmpty { out.append("No unsolved tickets.") }
        for t in tickets {
            let left = t.leftMinutes.map { SLAReport.duration($0 * 60) } ?? (t.state == "paused" ? "paused" : "—")
            let what = t.target.map { "\($0) \(t.state)" } ?? t.state
            out.append(
                "#\(t.id)".leftPadded(8) + " " + left.leftPadded(10) + "  "
                    + what.padding(toLength: 27, withPad: " ", startingAt: 0)
                    + (t.branch ?? "—").padding(toLength: 14, withPad: " ", startingAt: 0) + " "
                    + (t.assignee ?? "—").padding(toLength: 8, withPad: " ", startingAt: 0) + " "
                    + Sanitizer.singleLine(t.subject))
        }
        return out.joined(separator: "\n")
    }
}
