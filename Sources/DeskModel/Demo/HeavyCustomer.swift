import Foundation
import GRDB

/// The bench's worst realistic case: one customer with 500 tickets, one of which has 300
/// messages. Added once to a corpus (seeded or not) so the ticket pane's open cost is measured
/// where it is highest.
public enum HeavyCustomer {
    public static let email = "heavy.customer@bench.example"
    public static let tickets = 500
    public static let messages = 300

    /// The id of the heavy ticket, adding the customer and their tickets if they are missing.
    public static func ensure(in desk: Desk) throws -> Int64 {
        let now = desk.clock.now.dbSeconds
        return try desk.write { db in
            if let id = try Int64.fetchOne(
                db,
                sql: """
                    SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customerId
                    WHERE c.email = ? ORDER BY t.id LIMIT 1
                    """, arguments: [email])
            {
                return id
            }
            try db.execute(
                sql: "INSERT INTO customers(email, name, tier, timeZone) VALUES (?, 'Hana Heavy', 'vip', 'Asia/Tokyo')",
                arguments: [email])
            let customer = db.lastInsertedRowID
            let areas = ["billing", "sync", "login", "api", "data"]
            var heavy: Int64 = 0
            for i in 0..<tickets {
                let created = now - Int64(i) * 3_600 * 5
                let status = i % 7 == 0 ? "open" : (i % 3 == 0 ? "solved" : "closed")
                try db.execute(
                    sql: """
                        INSERT INTO tickets(subject, status, priority, channel, productArea, customerId, createdAt, updatedAt, routedBy)
                        VALUES (?, ?, 'normal', 'email', ?, ?, ?, ?, 'default')
                        """, arguments: ["Heavy case \(i)", status, areas[i % areas.count], customer, created, created])
                if i == 0 { heavy = db.lastInsertedRowID }
            }
            for m in 0..<messages {
                let fromCustomer = m % 2 == 0
                try db.execute(
                    sql: """
                        INSERT INTO messages(ticketId, authorKind, agentId, customerId, visibility, channel, body, createdAt)
                        VALUES (?, ?, ?, ?, 'public', 'email', ?, ?)
                        """,
                    arguments: [
                        heavy, fromCustomer ? "customer" : "agent", fromCustomer ? nil : 1, fromCustomer ? customer : nil,
                        "Message \(m) of a long thread.\n\nOn an earlier day someone wrote:\n> quoted line one\n> quoted line two\n> quoted line three",
                        now - Int64(messages - m) * 600,
                    ])
            }
            return heavy
        }
    }
}
