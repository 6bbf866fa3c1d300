import ArgumentParser
import DeskModel
import Foundation

/// `desk notifications`: what concerns the acting agent (docs/notifications.md).
struct NotificationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notifications", abstract: "Your notifications, newest first; mark them read.",
        subcommands: [List.self, Read.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your notifications, newest first (the default).")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Only those not read yet.") var unread = false
        @Option(help: "At most this many.") var limit: Int = 50
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let desk = try global.openDesk()
            let agent = try global.actingAgent(desk)
            let list = try desk.notifications(agent: agent.id!, unreadOnly: unread, limit: max(0, limit))
            if json {
                print(JSONTime.encode(list.map(NotificationJSON.init)))
                return
            }
            for n in list { print(NotificationLine.text(n)) }
            let count = try desk.unreadCount(agent: agent.id!)
            print(list.isEmpty && count == 0 ? "No\(unread ? " unread" : "") notifications." : "\(count) unread.")
        }
    }

    struct Read: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark notifications read: the ids given, or --all.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Notification ids (as `desk notifications` lists them).") var ids: [Int64] = []
        @Flag(help: "Every unread notification.") var all = false

        func validate() throws {
            guard ids.isEmpty == all else { throw ValidationError("give notification ids or --all, not both or neither.") }
        }

        func run() throws {
            let desk = try global.openDesk()
            let agent = try global.actingAgent(desk)
            let marked = all ? try desk.markAllRead(agent: agent.id!) : try desk.markRead(ids: ids, agent: agent.id!)
            print(marked == 0 ? "Nothing was unread." : "Marked \(marked) read.")
        }
    }
}

/// One line per notification for people: unread mark, id, when, ticket, what.
enum NotificationLine {
    static func text(_ n: AgentNotification) -> String {
        [
            (n.isRead ? " " : "●"), String(n.id).leftPadded(5), JSONTime.format(n.createdAt), "#\(n.ticketId)",
            n.kind.label.rightPadded(19), Plain.line(n.text) + " — " + Plain.line(n.subject),
        ].joined(separator: "  ")
    }
}

/// What a note's mentions could not reach, on standard error (the note itself was stored).
enum MentionWarnings {
    static func print(_ outcome: MentionOutcome) {
        for handle in outcome.unknown {
            FileHandle.standardError.write(Data("no agent @\(Plain.line(handle)): not notified\n".utf8))
        }
    }
}
