import GRDB

extension Desk {
    /// One page of a queue and the queue's total, read in one snapshot.
    public func queuePage(_ query: QueueQuery, offset: Int, limit: Int) throws -> (total: Int, rows: [QueueRow]) {
        let (total, rows) = try queuePage(query, offset: offset, limit: limit, count: true)
        return (total ?? 0, rows)
    }

    /// One page, counting the whole queue only when asked (counting is the costly part);
    /// `anchor` and `knownTotal` let the query start from a loaded row or from the end.
    public func queuePage(
        _ query: QueueQuery, offset: Int, limit: Int, count: Bool,
        anchor: QueueAnchor? = nil, knownTotal: Int? = nil
    ) throws -> (total: Int?, rows: [QueueRow]) {
        try db.read { db in
            let total = count ? try query.count(db) : nil
            let exact = query.filter.isEmpty ? (total ?? knownTotal) : nil
            return (total, try query.page(db, offset: offset, limit: limit, anchor: anchor, total: exact))
        }
    }

    /// Where ticket `id` stands in `query` (nil: the view does not list it), for `:open N`.
    public func queuePosition(_ query: QueueQuery, of id: Int64) throws -> Int? {
        try db.read { try query.position(of: id, $0) }
    }

    /// Everything the ticket pane shows about one ticket.
    /// The lead's SLA board now.
    public func slaBoard(_ filter: SLABoardFilter) throws -> SLABoard {
        let now = clock.now.dbSeconds
        return try db.read { try SLABoard.load($0, filter: filter, now: now) }
    }

    public func ticketDetail(id: Int64) throws -> TicketDetail {
        let now = clock.now.dbSeconds
        return try db.read { db in
            var detail = try TicketDetail.load(db, id: id, now: now, repeatWindowDays: policy.lifecycle.repeatWindowDays)
            detail.sla = try slaReport(
                db, detail.ticket, now: now, tier: detail.customer.tier, branch: .some(detail.branch?.name))
            detail.escalation = try EscalationPanel.load(db, ticket: id, window: Int64(policy.escalation.actWithinMinutes) * 60)
            detail.undeliveredMail = try String.fetchAll(
                db.cachedStatement(
                    sql:
                        """
                        SELECT CASE state WHEN 'bounced' THEN 'bounced: ' || coalesce(lastError, 'no reason given')
                                          ELSE coalesce(lastError, 'queued, not delivered yet') END
                        FROM outbound WHERE ticketId = ? AND state <> 'sent' ORDER BY id
                        """
                ),
                arguments: [id])
            return detail
        }
    }

    /// SQLite's `data_version` on the writer connection: it changes when another process
    /// commits, which is how a console notices other agents' work cheaply.
    public func dataVersion() -> Int? {
        try? db.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") }
    }

    /// Every agent with the name of their branch, by handle (for pickers).
    public func agentListing() throws -> [(handle: String, name: String, branch: String?)] {
        try db.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.handle, a.name, b.name AS branch FROM agents a LEFT JOIN branches b ON b.id = a.branchId
                    ORDER BY a.handle
                    """
            ).map { ($0["handle"], $0["name"], $0["branch"]) }
        }
    }

    public func branchNames() throws -> [String] {
        try db.read { db in try Self.branchNames(db) }
    }
}
