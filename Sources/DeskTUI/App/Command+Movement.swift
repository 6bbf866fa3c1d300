extension Command {
    /// Where a movement key takes position `current` in a list whose last position is `last`,
    /// `page` positions to a page (clamped to the list); nil for any other command. The queue's
    /// cursor and the package reader's scroll move alike.
    func moved(_ current: Int, page: Int, last: Int) -> Int? {
        let s: Int
        switch self {
        case .moveDown: s = current + 1
        case .moveUp: s = current - 1
        case .pageDown: s = current + page
        case .pageUp: s = current - page
        case .top: s = 0
        case .bottom: s = last
        default: return nil
        }
        return min(max(0, s), max(0, last))
    }
}
