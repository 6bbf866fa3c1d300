import ArgumentParser
import DeskModel
import Foundation

struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "Explain a ticket's SLA.", subcommands: [Explain.self])

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
}
