import Foundation
import GRDB

/// The demo's unread notifications: the demo writes its past directly, so what the write path
/// would have told agents is derived from that past here. Each owner of an unsolved ticket
/// whose customer wrote last has a "customer replied" waiting.
enum DemoNotifications {
    static func derive(_ desk: Desk) throws {
        try desk.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT t.id, t.assigneeId, m.body, m.createdAt FROM tickets t
                    JOIN messages m ON m.id = (SELECT id FROM messages WHERE ticketId = t.id ORDER BY createdAt DESC, id DESC LIMIT 1)
                    WHERE t.status NOT IN ('solved','closed') AND t.assigneeId IS NOT NULL AND m.authorKind = 'customer'
                    ORDER BY m.createdAt, t.id
                    """)
            for r in rows {
                let body: String = r[2]
                try desk.notify(
                    db,
                    NewNotification(
                        kind: .customerReplied, agentId: r[1], ticketId: r[0], text: "Customer replied: \(Excerpt.line(body))"),
                    at: Date(dbSeconds: r[3]))
            }
        }
    }
}
