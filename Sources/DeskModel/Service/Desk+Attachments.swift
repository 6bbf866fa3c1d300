import Foundation
import GRDB

/// A stored attachment's description (the bytes are read only when saved).
public struct AttachmentInfo: Sendable, Equatable, Codable {
    public var id: Int64
    public var messageId: Int64
    public var ticketId: Int64
    public var name: String
    public var contentType: String
    public var size: Int
}

extension Desk {
    /// A ticket's attachments, oldest message first.
    public func attachments(ticket id: Int64) throws -> [AttachmentInfo] {
        try db.read { db in
            guard try Ticket.exists(db, key: id) else { throw DeskError.unknownTicket(id) }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT a.id, a.messageId, m.ticketId, a.name, a.contentType, a.size FROM attachments a
                    JOIN messages m ON m.id = a.messageId WHERE m.ticketId = ? ORDER BY m.createdAt, a.id
                    """, arguments: [id]
            ).map(Self.attachmentInfo)
        }
    }

    /// One attachment with its bytes.
    public func attachment(_ id: Int64) throws -> (AttachmentInfo, Data) {
        try db.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT a.id, a.messageId, m.ticketId, a.name, a.contentType, a.size, a.data FROM attachments a
                        JOIN messages m ON m.id = a.messageId WHERE a.id = ?
                        """, arguments: [id])
            else { throw DeskError.invalidRequest("there is no attachment \(id) (desk attachment list TICKET shows them).") }
            return (Self.attachmentInfo(row), row["data"])
        }
    }

    static func attachmentInfo(_ r: Row) -> AttachmentInfo {
        AttachmentInfo(
            id: r["id"], messageId: r["messageId"], ticketId: r["ticketId"], name: r["name"], contentType: r["contentType"],
            size: r["size"])
    }

    /// A name that is safe as a file name here: no directories, no control characters, not hidden.
    public static func safeFileName(_ name: String) -> String {
        var s = Sanitizer.singleLine(name).replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
        s = s.trimmingCharacters(in: .whitespaces)
        while s.hasPrefix(".") { s.removeFirst() }
        return s.isEmpty ? "attachment" : String(s.prefix(200))
    }
}
