import DeskModel

/// A screen whose load failed goes back to what it showed before (or closes), never staying
/// on "Loading…"; the error is in the status line.
extension Reducer {
    static func screenLoadFailed(_ state: inout AppState, _ effect: Effect) -> [Effect] {
        switch effect {
        case .loadBoard(let filter):
            guard var board = state.board, board.mode == .sla, board.filter == filter else { return [] }
            guard let shown = board.data else {
                state.board = nil  // nothing to show: back to where the board was opened from
                return []
            }
            // A new filter that failed falls back to the one on screen.
            board.filter = shown.filter
            state.board = board
        case .loadEscalations:
            guard var board = state.board, board.mode == .escalations, board.escalations == nil else { return [] }
            guard board.data != nil else {
                state.board = nil
                return []
            }
            board.mode = .sla
            state.board = board
        case .loadNotifications(let unreadOnly, _):
            // A list already shown stays (a failed refresh); one never loaded closes.
            guard let screen = state.notifications.screen, screen.unreadOnly == unreadOnly, !screen.loaded else { return [] }
            state.notifications.screen = nil
        default:
            break
        }
        return []
    }
}
