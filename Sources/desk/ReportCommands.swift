import ArgumentParser
import DeskModel
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leads.", subcommands: [Escalations.self])

    struct Escalations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Escalation rate, median time to accept, bounce rate, late and repeat escalations, by branch.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Start (ISO 8601 or YYYY-MM-DD); default 30 days ago.") var from: String?
        @Option(help: "End, exclusive (ISO 8601 or YYYY-MM-DD); default now.") var to: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let end = try to.map { try ReportDates.parse($0, "--to") } ?? desk.clock.now
            let start = try from.map { try ReportDates.parse($0, "--from") } ?? end.addingTimeInterval(-30 * 86_400)
            guard start < end else { throw ValidationError("--from must be before --to.") }
            let r = try desk.escalationReport(from: start, to: end)
            if json { print(JSONTime.encode(EscalationReportJSON(r))); return }
            print("Escalations \(JSONTime.format(r.from)) – \(JSONTime.format(r.to))")
            let head = ["branch".rightPadded(16), "tickets", "escal.", "rate", "accept", "bounces", "bounce%", "late", "repeat"]
            print(head.joined(separator: "  "))
            for row in r.branches + [r.total] {
                print(
                    [
                        row.branch.rightPadded(16), String(row.tickets).leftPadded(7), String(row.escalations).leftPadded(6),
                        Self.percent(row.escalationRate).leftPadded(4),
                        (row.medianMinutesToAccept.map { "\(Int($0.rounded())) min" } ?? "-").leftPadded(6),
                        String(row.bounces).leftPadded(7), Self.percent(row.bounceRate).leftPadded(7),
                        String(row.late).leftPadded(4), String(row.repeatEscalations).leftPadded(6),
                    ].joined(separator: "  "))
            }
        }

        static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
    }
}

enum ReportDates {
    static func parse(_ text: String, _ option: String) throws -> Date {
        if let d = FixedClock.parse(text) ?? FixedClock.parse(text + "T00:00:00Z") { return d }
        throw ValidationError("\(option): '\(text)' is not a date (expected 2026-11-20 or 2026-11-20T09:00:00Z).")
    }
}
