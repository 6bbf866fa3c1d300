import Foundation
import GRDB

/// A composed reply in the outbound queue: queued, failed (with the error) or sent.
public struct OutboundRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var ticketId: Int64
    public var messageId: Int64
    public var state: String
    public var recipient: String
    public var messageIdHeader: String
    public var raw: String
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var sentAt: Int64?
    public static let databaseTableName = "outbound"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

