import DeskModel

/// Everything that can happen to the console: input, time, and results of effects.
public enum Action: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    case tick(now: Int64)
    /// Another process committed to the database.
    case databaseChanged
    case queueLoaded(query: QueueQuery, total: Int, offset: Int, rows: [QueueRow])
    case ticketLoaded(TicketDetail)
    case failed(String)
}

/// Work for the outside world, described as data; the effect runner performs it.
public enum Effect: Sendable, Equatable {
    case loadQueue(QueueQuery, offset: Int, limit: Int)
    case loadTicket(id: Int64)
}
