import Foundation

/// The one check every text passes on its way into the database: stored exactly, or refused
/// with what is wrong and where.
///
/// GRDB binds a Swift string as a C string and reads text back with a C-string read, so a NUL
/// would silently cut the text at that point. desk stores text without NUL characters: a NUL is
/// refused with its byte offset (mail, which must never be lost, replaces it with U+FFFD and
/// says so in the message's metadata: `InboundMail.parse`). Bytes from outside (standard input,
/// JSON lines) are decoded strictly: the first byte that is not UTF-8 is named, never replaced.
public enum StoredText {
    /// Refuses `text` when the database would not give it back whole. `field` names the text
    /// for the error ("the note", "the subject").
    public static func validate(_ text: String, field: String) throws {
        if let at = firstNUL(in: text) { throw TextRefusal(field: field, problem: .nul, offset: at) }
    }

    /// `validate` for an optional text (nil passes).
    public static func validate(_ text: String?, field: String) throws {
        if let text { try validate(text, field: field) }
    }

    /// Each text of a list, named `field[i]`.
    public static func validate(_ texts: [String], field: String) throws {
        for (i, t) in texts.enumerated() { try validate(t, field: "\(field)[\(i)]") }
    }

    /// The byte offset (UTF-8) of the first NUL in `text`, if any. memchr over the contiguous
    /// UTF-8 of a native string: the import checks every message body.
    public static func firstNUL(in text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard let base = bytes.baseAddress, let hit = memchr(base, 0, bytes.count) else { return nil }
            return UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        }
    }

    /// Bytes from outside as text: refused at the first byte that is not UTF-8 (its offset and
    /// value named), and at a NUL. Nothing is replaced.
    public static func decode(_ bytes: some Collection<UInt8>, field: String) throws -> String {
        let text = try decodeUTF8(bytes, field: field)
        try validate(text, field: field)
        return text
    }

    /// Strict UTF-8 only: what the CLI reads from standard input, whose NULs the service then
    /// refuses naming the text they would have been stored in ("the note").
    public static func decodeUTF8(_ bytes: some Collection<UInt8>, field: String) throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (offset, byte) = firstInvalidUTF8(bytes) ?? (0, bytes.first ?? 0)
            throw TextRefusal(field: field, problem: .invalidUTF8(byte: byte), offset: offset)
        }
        return text
    }

    /// Where the bytes stop being UTF-8: the offset and value of the first byte of the first
    /// ill-formed sequence (overlong forms, surrogates and values past U+10FFFF included).
    public static func firstInvalidUTF8(_ bytes: some Collection<UInt8>) -> (offset: Int, byte: UInt8)? {
        let array = Array(bytes)
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = array.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error: return (offset, array[offset])
            case .emptyInput: return nil
            }
        }
    }

    /// The line (from 1) holding byte `offset` of a file: where to point a refusal.
    public static func line(ofByte offset: Int, in bytes: some Collection<UInt8>) -> Int {
        1 + bytes.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// NUL characters replaced by U+FFFD, and how many there were: for text that must be kept
    /// whatever it holds (incoming mail).
    public static func replacingNUL(_ text: String) -> (text: String, count: Int) {
        guard firstNUL(in: text) != nil else { return (text, 0) }
        var count = 0
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value == 0 {
                count += 1
                out.append("\u{FFFD}")
            } else {
                out.append(s)
            }
        }
        return (String(out), count)
    }
}

/// Why a text was not stored: what is wrong with it and at which byte (counted from 0 in its
/// UTF-8), so the sender can find the place.
public struct TextRefusal: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    public enum Problem: Sendable, Equatable {
        /// A NUL character (U+0000), which the database cannot keep inside text.
        case nul
        /// A byte that does not continue (or start) a UTF-8 character.
        case invalidUTF8(byte: UInt8)
    }

    /// What the text is: "the note", "standard input", "messages[2].text".
    public var field: String
    public var problem: Problem
    /// Offset of the bad byte from the start of the text.
    public var offset: Int

    public init(field: String, problem: Problem, offset: Int) {
        self.field = field
        self.problem = problem
        self.offset = offset
    }

    /// The same refusal inside a larger text (a field of a JSON line, a line of a file).
    public func within(_ outer: String) -> TextRefusal {
        TextRefusal(field: "\(outer): \(field)", problem: problem, offset: offset)
    }

    public var description: String {
        switch problem {
        case .nul:
            return "\(field) contains a NUL byte at byte offset \(offset); desk stores text without NUL characters."
        case .invalidUTF8(let byte):
            let hex = String(byte, radix: 16, uppercase: true)
            return
                "\(field) is not valid UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) at byte offset \(offset) is not part of a character; desk stores UTF-8 text only."
        }
    }

    public var errorDescription: String? { description }
}
