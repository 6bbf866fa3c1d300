import GRDB

extension QueueQuery {
    /// Where ticket `id` stands in this queue (0 is the first row), or nil when the view does
    /// not list it. Counts the rows before it along the queue's own index: a step per row above.
    public func position(of id: Int64, _ db: Database) throws -> Int? {
        let (clause, args) = whereClause()
        let column = sort == .activity ? "t.updatedAt" : "t.slaRank"
        guard
            let key = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT \(column) FROM tickets t WHERE \(clause) AND t.id = ?"), arguments: args + [id])
        else { return nil }
        let sql = "SELECT count(*) FROM tickets t INDEXED BY \(pageIndex) WHERE \(clause)\(sort.keyset(after: false))"
        return try Int.fetchOne(db.cachedStatement(sql: sql), arguments: args + [key, id])
    }
}
