import Foundation
import GRDB

extension Desk {
    /// The branch each ticket is in now, by ticket id (tickets in no branch are left out): for
    /// lists that show a page of queue rows with their branch.
    public func branchNames(ofTickets ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try db.read { db in
            let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
            let rows = try Row.fetchAll(
                db,
                sql: "SELECT t.id, b.name FROM tickets t JOIN branches b ON b.id = t.branchId WHERE t.id IN (\(marks))",
                arguments: StatementArguments(ids))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as String) })
        }
    }
}
