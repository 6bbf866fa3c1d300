import ArgumentParser
import DeskModel
import Foundation

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Outbound email: what waits for delivery, and retrying it.",
        subcommands: [List.self, Retry.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Messages not delivered yet (queued or failed, with the error).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Include sent messages.") var all = false
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let desk = try global.openDesk()
            let rows = try desk.outbox(includeSent: all)
            if json {
                print(JSONTime.encode(rows.map { OutboxJSON($0) }))
                return
            }
            for r in rows {
                print(
                    "\(String(r.id!).leftPadded(5))  #\(r.ticketId)  \(r.state.rightPadded(6))  to \(r.recipient)  attempts \(r.attempts)"
                        + (r.lastError.map { "  error: \(Plain.line($0))" } ?? ""))
            }
            print(rows.isEmpty ? "The outbox is empty." : "\(rows.count) message(s).")
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Deliver failed or queued messages again (all, or the ids given).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Outbox ids (default: every message not sent).") var ids: [Int64] = []
        func run() throws {
            let desk = try global.openDesk()
            let done = try desk.deliverOutbound(ids.isEmpty ? nil : ids)
            for r in done {
                print("\(r.id!)  #\(r.ticketId)  \(r.state)" + (r.lastError.map { ": \(Plain.line($0))" } ?? ""))
            }
            let failed = done.filter { $0.state != "sent" }.count
            print("Delivered \(done.count - failed) of \(done.count).")
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

struct OutboxJSON: Encodable {
    var id: Int64
    var ticket: Int64
    var state: String
    var recipient: String
    var messageId: String
    var attempts: Int
    var error: String?
    init(_ r: OutboundRecord) {
        id = r.id!; ticket = r.ticketId; state = r.state; recipient = r.recipient; messageId = r.messageIdHeader
        attempts = r.attempts; error = r.lastError
    }
}
