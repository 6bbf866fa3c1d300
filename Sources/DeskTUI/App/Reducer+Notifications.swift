import DeskModel

/// The notifications list (`@`, `:notifications`): Enter opens the ticket and marks what it
/// said read; the unread count in the status line follows every commit.
extension Reducer {
    static let notificationsLimit = 200

    static func openNotifications(_ state: inout AppState) -> [Effect] {
        var screen = state.notifications.screen ?? NotificationsScreenState()
        screen.selected = 0
        screen.scrollTop = 0
        state.notifications.screen = screen
        state.board = nil
        return [.loadNotifications(unreadOnly: screen.unreadOnly, limit: notificationsLimit)]
    }

    static func notificationsKey(_ state: inout AppState, _ command: Command) -> [Effect] {
        guard var screen = state.notifications.screen else { return [] }
        let page = NotificationsLayout(width: state.width, height: state.height).rows
        let last = max(0, screen.items.count - 1)
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .top, .bottom:
            let step = [Command.moveDown: 1, .moveUp: -1, .pageDown: page, .pageUp: -page, .top: -Int.max / 2][command]
            screen.selected = command == .bottom ? last : min(max(0, screen.selected + (step ?? 0)), last)
            screen.keepSelectionVisible(page: page)
            state.notifications.screen = screen
            return []
        case .open:
            guard let item = screen.selectedItem else { return [] }
            state.notifications.screen = nil
            state.focus = .ticket
            return [.loadTicket(id: item.ticketId), .markNotificationsRead(ticket: item.ticketId)]
        case .notificationsAllRead:
            return [.markAllNotificationsRead]
        case .notificationsUnreadOnly:
            screen.unreadOnly.toggle()
            screen.selected = 0
            screen.scrollTop = 0
            state.notifications.screen = screen
            return [.loadNotifications(unreadOnly: screen.unreadOnly, limit: notificationsLimit)]
        case .back, .notifications:
            state.notifications.screen = nil
            return []
        case .help, .commandLine, .quit, .refresh:
            return perform(&state, command)
        default:
            return []
        }
    }

    static func notificationsLoaded(_ state: inout AppState, _ items: [AgentNotification], unreadOnly: Bool) -> [Effect] {
        guard var screen = state.notifications.screen, screen.unreadOnly == unreadOnly else { return [] }
        // The selection follows its notification through a refresh when it is still listed.
        let selectedId = screen.selectedItem?.id
        screen.items = items
        screen.loaded = true
        if let selectedId, let i = items.firstIndex(where: { $0.id == selectedId }) { screen.selected = i }
        screen.selected = min(screen.selected, max(0, items.count - 1))
        screen.keepSelectionVisible(page: NotificationsLayout(width: state.width, height: state.height).rows)
        state.notifications.screen = screen
        return []
    }

    /// A rise in the count rings the bell for an agent who asked for it (never for the first count).
    static func unreadCountLoaded(_ state: inout AppState, _ count: Int) -> [Effect] {
        if state.notifications.counted, count > state.notifications.unread, state.notifications.bell {
            state.notifications.rings += 1
        }
        state.notifications.unread = count
        state.notifications.counted = true
        return []
    }

    /// What a reload asks for on behalf of notifications: the count, and the list if it is open.
    static func notificationEffects(_ state: AppState) -> [Effect] {
        var effects: [Effect] = [.loadUnreadCount]
        if let screen = state.notifications.screen {
            effects.append(.loadNotifications(unreadOnly: screen.unreadOnly, limit: notificationsLimit))
        }
        return effects
    }
}
