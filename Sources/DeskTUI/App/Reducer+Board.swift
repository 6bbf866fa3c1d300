import DeskModel

/// The lead's SLA board and the queue's order: keys while the board is open, its live refresh.
extension Reducer {
    /// A key while the board is open (its page size comes from `BoardLayout`, as render's does).
    static func boardKey(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard var board = state.board else { return [] }
        let page = BoardLayout(width: state.width, height: state.height).ticketRows
        let last = max(0, board.rowCount - 1)
        let layout = BoardLayout(width: state.width, height: state.height)
        switch command {
        case .switchPane where board.mode == .sla:
            board.part = board.part.next
            state.board = board
            return []
        case _ where [.moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom].contains(command) && board.mode == .sla
            && board.part != .tickets:
            // A table scrolls by its selected row (Tab chose it).
            let part = board.part == .branches
            let count = (part ? board.data?.branches.count : board.data?.agents.count) ?? 0
            let room = part ? layout.branchRoom : layout.tableRows
            let step = [Command.moveDown: 1, .moveUp: -1, .pageDown: room, .pageUp: -room, .top: -Int.max / 2][command]
                ?? Int.max / 2
            if part { board.branches.move(step, count: count, room: room) } else { board.agents.move(step, count: count, room: room) }
            state.board = board
            return []
        case .open where board.mode == .sla && board.part == .branches:
            // Enter on a branch shows the board for that branch.
            guard let loads = board.data?.branches, board.branches.selected < loads.count,
                let name = loads[board.branches.selected].name
            else { return [] }
            board.filter.branch = name
            board.part = .tickets
            return reloadBoard(&state, board)
        case .open where board.mode == .sla && board.part == .agents:
            return []
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            let step = [Command.moveDown: 1, .moveUp: -1, .pageDown: page, .pageUp: -page, .top: -Int.max / 2][command]
            board.selected = command == .bottom ? last : min(max(0, board.selected + (step ?? 0)), last)
            board.keepSelectionVisible(page: page)
            state.board = board
            return []
        case .open:
            guard let id = board.selectedTicketId else { return [] }
            state.board = nil
            state.focus = .ticket
            state.ticket.showEscalation = board.mode == .escalations
            return [.loadTicket(id: id)]
        case .boardMode:
            return toggleBoardMode(&state)
        case .boardBranch:
            let names = board.data?.branchNames ?? []
            board.filter.branch = next(in: names, after: board.filter.branch)
            return reloadBoard(&state, board)
        case .boardTier:
            board.filter.tier = next(in: CustomerTier.allCases, after: board.filter.tier)
            return reloadBoard(&state, board)
        case .back:
            state.board = nil
            return []
        case .help, .commandLine, .quit, .refresh:
            return perform(&state, command)
        default:
            return []
        }
    }

    static func reloadBoard(_ state: inout AppState, _ board: BoardState) -> [Effect] {
        var board = board
        board.selected = 0
        board.scrollTop = 0
        board.branches = TableScroll()
        board.agents = TableScroll()
        state.board = board
        return boardEffects(board)
    }

    static func boardLoaded(_ state: inout AppState, _ data: SLABoard) -> [Effect] {
        // A board for a filter the lead has already moved away from is dropped.
        guard var board = state.board, board.filter == data.filter else { return [] }
        // The selection follows its ticket through a refresh when it is still listed.
        let selectedId = board.selectedTicket?.id
        board.data = data
        if let selectedId, let i = data.tickets.firstIndex(where: { $0.id == selectedId }) { board.selected = i }
        board.selected = min(board.selected, max(0, data.tickets.count - 1))
        let layout = BoardLayout(width: state.width, height: state.height)
        board.keepSelectionVisible(page: layout.ticketRows)
        board.branches.clamp(count: data.branches.count, room: layout.branchRoom)
        board.agents.clamp(count: data.agents.count, room: layout.tableRows)
        state.board = board
        return []
    }

    /// The queue's other order, from the first row.
    static func toggleSort(_ state: inout AppState) -> [Effect] {
        state.queue.query.sort = state.queue.query.sort == .activity ? .sla : .activity
        state.status = StatusMessage(text: "queue ordered by \(state.queue.query.sort.title)", isError: false)
        return switchView(&state, to: state.queue.query.view)
    }

    /// The value after `current` in `all`, wrapping through nil ("all of them").
    static func next<T: Equatable>(in all: [T], after current: T?) -> T? {
        guard let current, let i = all.firstIndex(of: current) else { return all.first }
        return i + 1 < all.count ? all[i + 1] : nil
    }
}
