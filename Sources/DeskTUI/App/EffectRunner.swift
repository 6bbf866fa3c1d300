import DeskModel

/// Performs effects against DeskModel and turns each result into an action.
public struct EffectRunner: Sendable {
    public let desk: Desk

    public init(desk: Desk) { self.desk = desk }

    public func run(_ effect: Effect) -> Action? {
        do {
            switch effect {
            case .loadQueue(let query, let offset, let limit, let count, let anchor, let known):
                let (total, rows) = try desk.queuePage(
                    query, offset: offset, limit: limit, count: count,
                    anchor: anchor, knownTotal: known)
                return .queueLoaded(query: query, total: total, offset: offset, rows: rows)
            case .loadTicket(let id):
                return .ticketLoaded(try desk.ticketDetail(id: id))
            case .preloadTicket(let id):
                // A failed preload is not the user's error: Enter will load and report it.
                return (try? desk.ticketDetail(id: id)).map(Action.ticketPreloaded)
            }
        } catch {
            return .failed("\(error)")
        }
    }

    public func dataVersion() -> Int? { desk.dataVersion() }
}
