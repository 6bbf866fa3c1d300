import DeskModel

/// What concerns this agent: the unread count (always known, for the status line) and the list
/// screen when it is open.
public struct NotificationsState: Sendable, Equatable {
    public var unread = 0
    /// The count has been read once (the bell rings only for a rise after that).
    public var counted = false
    /// The terminal bell rings when the count rises (policy `notifications.bell`).
    public var bell = false
    /// Bumped once per ring; the console rings when it changes (render stays pure).
    public var rings = 0
    /// The list screen, shown instead of the panes while open.
    public var screen: NotificationsScreenState?
    public init() {}
}

/// The notifications list: newest first, unread only or all.
public struct NotificationsScreenState: Sendable, Equatable {
    public var items: [AgentNotification] = []
    public var loaded = false
    public var unreadOnly = false
    public var selected = 0
    public var scrollTop = 0
    public init() {}

    public var selectedItem: AgentNotification? { selected < items.count ? items[selected] : nil }

    mutating func keepSelectionVisible(page: Int) {
        scrollTop = min(max(scrollTop, selected - page + 1), selected)
    }
}
