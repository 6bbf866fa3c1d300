import Crypto
import Foundation

/// One line of `desk intake`: a chat, web-form or phone conversation, or the part of one that
/// is new. Every line of the same channel and conversation id lands on one ticket. The schema
/// is in docs/intake.md; `parse` says exactly what is wrong with a line it refuses.
public struct ConversationLine: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Author: Sendable, Equatable {
            case customer
            case agent(handle: String)
        }
        /// The source system's message id: what makes a re-sent message a duplicate.
        public var id: String?
        public var author: Author
        public var time: Date
        public var text: String
        /// An agent's internal remark (never the customer's).
        public var isInternal: Bool
    }

    public var channel: Channel
    public var conversation: String
    public var customerEmail: String
    public var customerName: String?
    public var subject: String?
    /// In time order (a line may list them in any order).
    public var messages: [Entry]
    /// Whatever the source system adds (page, browser, queue, caller number…), kept as text.
    public var metadata: [String: String]

    public static let maxLineBytes = 16 << 20
    public static let maxMessages = 10_000
    public static let maxTextBytes = 1 << 20

    /// Parses one line as read from a file: bytes that are not UTF-8, or a raw NUL, are refused
    /// with their offset in the line (`StoredText`), never replaced.
    public static func parse(bytes: some Collection<UInt8>) throws -> ConversationLine {
        let line: String
        do {
            line = try StoredText.decode(bytes, field: "the line")
        } catch let refusal as TextRefusal {
            throw IntakeLineError(refusal.description)
        }
        return try parse(line)
    }

    /// Parses one JSON line; throws `IntakeLineError` naming the field at fault.
    public static func parse(_ line: some StringProtocol) throws -> ConversationLine {
        guard line.utf8.count <= maxLineBytes else { throw IntakeLineError("the line is over \(maxLineBytes >> 20) MB") }
        let json: Any
        do {
            json = try JSONLineValue.parse(Data(line.utf8))
        } catch {
            throw IntakeLineError("not JSON (\(Self.reason(error)))")
        }
        guard let o = json as? [String: Any] else { throw IntakeLineError("a line must be a JSON object") }
        let channelName = try text(o, "channel")
        guard let channel = Channel(rawValue: channelName), channel != .email else {
            throw IntakeLineError("channel must be chat, web or phone, not \"\(channelName)\" (mail comes in by fetch or import)")
        }
        let conversation = try text(o, "conversation")
        guard conversation.utf8.count <= 200 else { throw IntakeLineError("conversation id is over 200 bytes") }
        guard let customer = o["customer"] as? [String: Any] else {
            throw IntakeLineError("customer is missing (an object with email, or id, and an optional name)")
        }
        let email: String
        if let e = customer["email"] as? String, !e.trimmed.isEmpty {
            email = try stored(e.trimmed, "customer.email")
        } else if let id = try customer["id"].flatMap(scalarText).map({ try stored($0, "customer.id") }), !id.isEmpty {
            // A visitor known only to the source system: an address that can never receive mail.
            email = Self.placeholderAddress(id: id, channel: channel)
        } else {
            throw IntakeLineError("customer needs an email or an id")
        }
        guard Desk.isPlausibleEmail(email) else { throw IntakeLineError("customer email \"\(email)\" is not an address") }
        let name = try (customer["name"] as? String).map { Sanitizer.singleLine(try stored($0, "customer.name")) }
            .flatMap { $0.isEmpty ? nil : $0 }
        guard let raw = o["messages"] as? [Any], !raw.isEmpty else {
            throw IntakeLineError("messages must be a non-empty list")
        }
        guard raw.count <= maxMessages else { throw IntakeLineError("more than \(maxMessages) messages in one line") }
        var entries: [Entry] = []
        for (i, item) in raw.enumerated() {
            do {
                entries.append(try entry(item))
            } catch let e as IntakeLineError {
                throw IntakeLineError("messages[\(i)]: \(e.message)")
            }
        }
        var metadata: [String: String] = [:]
        if let m = o["metadata"] {
            guard let m = m as? [String: Any] else { throw IntakeLineError("metadata must be an object") }
            for (k, v) in m {
                // Nested values come back as JSON text, where a NUL is an escape: only texts can hold one.
                metadata[try stored(k, "metadata key")] = try scalarText(v).map { try stored($0, "metadata.\(k)") } ?? compactJSON(v)
            }
        }
        let subject = try (o["subject"] as? String).map { Sanitizer.singleLine(try stored($0, "subject")) }
            .flatMap { $0.isEmpty ? nil : $0 }
        return ConversationLine(
            channel: channel, conversation: conversation, customerEmail: email, customerName: name, subject: subject,
            messages: entries.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }.map(\.element),
            metadata: metadata)
    }

    static func entry(_ item: Any) throws -> Entry {
        guard let m = item as? [String: Any] else { throw IntakeLineError("each message must be an object") }
        let author = try text(m, "author")
        let who: Entry.Author
        if author == "customer" {
            who = .customer
        } else if author.hasPrefix("agent:"), author.count > 6 {
            who = .agent(handle: String(author.dropFirst(6)))
        } else {
            throw IntakeLineError("author must be \"customer\" or \"agent:HANDLE\", not \"\(author)\"")
        }
        let body = try text(m, "text")
        guard body.utf8.count <= maxTextBytes else { throw IntakeLineError("text is over 1 MB") }
        guard let time = m["time"].flatMap(Self.time) else {
            throw IntakeLineError("time must be an ISO 8601 instant with a zone (2026-11-20T09:30:00Z) or epoch seconds")
        }
        let isInternal = (m["internal"] as? Bool) ?? false
        if isInternal, who == .customer { throw IntakeLineError("a customer's message cannot be internal") }
        let id = try m["id"].flatMap(scalarText).map { try stored($0, "id") }
        return Entry(id: id, author: who, time: time, text: body, isInternal: isInternal)
    }

    /// What deduplicates an entry: its id in the source system, else its author, time and text.
    public func key(of e: Entry) -> String {
        let who: String =
            switch e.author {
            case .customer: "customer"
            case .agent(let h): "agent:" + h
            }
        let identity = e.id.map { "id\u{0}" + $0 } ?? "\(who)\u{0}\(e.time.timeIntervalSince1970)\u{0}\(e.text)"
        let digest = SHA256.hash(data: Data("\(channel.rawValue)\u{0}\(conversation)\u{0}\(identity)".utf8))
        return "conversation:" + TransferEncoding.hexString(digest)
    }

    static func placeholderAddress(id: String, channel: Channel) -> String {
        let local = id.unicodeScalars.map { s in
            (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_" || s == ".") && s.isASCII
                ? String(s) : "_"
        }.joined()
        return String(local.prefix(64)) + "@" + channel.rawValue + ".invalid"
    }

    static func text(_ o: [String: Any], _ key: String) throws -> String {
        guard let v = o[key] else { throw IntakeLineError("\(key) is missing") }
        guard let s = v as? String, !s.trimmed.isEmpty else { throw IntakeLineError("\(key) must be non-empty text") }
        return try stored(s, key)
    }

    /// A text of the line as desk will store it, or the refusal naming the field and the offset
    /// (a `\u0000` escape decodes to a NUL, which desk does not store: `StoredText`).
    static func stored(_ s: String, _ field: String) throws -> String {
        do {
            try StoredText.validate(s, field: field)
        } catch let refusal as TextRefusal {
            throw IntakeLineError(refusal.description)
        }
        return s
    }

    static func scalarText(_ v: Any) -> String? {
        switch v {
        case let s as String: s
        case let b as Bool: b ? "true" : "false"
        case let n as NSNumber: n.stringValue
        default: nil
        }
    }

    static func compactJSON(_ v: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) }
            ?? ""
    }

    static func time(_ v: Any) -> Date? {
        if let n = v as? NSNumber { return Date(timeIntervalSince1970: n.doubleValue) }
        guard let s = v as? String else { return nil }
        let plain = ISO8601DateFormatter()
        if let d = plain.date(from: s) { return d }
        plain.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: s)
    }

    static func reason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return underlying ?? context.debugDescription
        }
        let ns = error as NSError
        return (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
    }
}

/// Why a line of `desk intake` was refused.
public struct IntakeLineError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
