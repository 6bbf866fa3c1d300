import DeskModel

/// The `:` command line: parsed into the same actions keys produce.
public enum ConsoleCommands {
    public static let all: [(String, String)] = [
        ("q, :quit", "quit"),
        ("open N", "open ticket N"),
        ("view open|mine|unassigned|all", "switch the queue view"),
        ("filter TEXT", "filter the queue (empty clears)"),
        ("sort activity|sla", "order the queue by latest activity or by SLA due time"),
        ("board [BRANCH]", "the lead's SLA board, optionally for one branch"),
        ("notifications", "what concerns you: assignments, mentions, escalations, replies, SLA risks, bounces"),
        ("help", "show the help overlay"),
    ]

    /// Runs one command line against the state.
    static func run(_ line: String, _ state: inout AppState) -> [Effect] {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = words.first?.lowercased() else { return [] }
        let arg = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        switch verb {
        case "q", "quit", "q!", "wq":
            state.quit = true
            return []
        case "open", "o":
            let digits = arg.hasPrefix("#") ? String(arg.dropFirst()) : arg
            guard let id = Int64(digits), id > 0 else {
                state.status = StatusMessage(text: "usage: :open N (a ticket number)", isError: true)
                return []
            }
            state.focus = .ticket
            // The queue cursor follows to the ticket when the view lists it: at once among the
            // rows loaded, else once its position is found.
            if let i = state.queue.rows.firstIndex(where: { $0.id == id }) {
                state.queue.selected = state.queue.windowStart + i
                return Reducer.scrollQueue(&state) + [.loadTicket(id: id)]
            }
            return [.loadTicket(id: id), .locateInQueue(state.queue.query, ticket: id)]
        case "view":
            guard let view = QueueView(rawValue: arg.lowercased()) else {
                state.status = StatusMessage(
                    text: "unknown view '\(Sanitizer.singleLine(arg))': open, mine, unassigned or all", isError: true)
                return []
            }
            return Reducer.switchView(&state, to: view)
        case "filter":
            return Reducer.setFilter(&state, arg)
        case "sort":
            guard let sort = QueueSort(rawValue: arg.lowercased()) else {
                state.status = StatusMessage(
                    text: "unknown order '\(Sanitizer.singleLine(arg))': activity or sla", isError: true)
                return []
            }
            if sort != state.queue.query.sort { return Reducer.toggleSort(&state) }
            return []
        case "board":
            var board = BoardState()
            board.filter.branch = arg.isEmpty ? nil : arg
            return Reducer.reloadBoard(&state, board)
        case "notifications", "notif":
            return Reducer.openNotifications(&state)
        case "help", "h":
            state.overlay = .help(scroll: 0)
            return []
        default:
            state.status = StatusMessage(text: "unknown command ':\(Sanitizer.singleLine(verb))' (try :help)", isError: true)
            return []
        }
    }
}
