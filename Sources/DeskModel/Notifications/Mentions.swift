/// `@handle` mentions in an internal note: the agents it names are notified.
public enum Mentions {
    /// The handles a text names, first spelling of each, in order. A mention is `@` at the start
    /// or after a space or punctuation (not inside an address: `ann@acme.example` is no
    /// mention), then letters, digits, `_`, `.` and `-`; a sentence's full stop after it is not
    /// part of it. Letters beyond ASCII are read too, so `@chloé` is reported as a handle no
    /// agent has rather than quietly read as `@chlo`.
    public static func handles(in text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var found: [String] = []
        var seen: Set<String> = []
        var i = 0
        while i < scalars.count {
            defer { i += 1 }
            guard scalars[i] == "@", i == 0 || !joinsMention(scalars[i - 1]) else { continue }
            var end = i + 1
            while end < scalars.count, continuesMention(scalars[end]) { end += 1 }
            // `@ben@example.com` is an address, not a mention.
            if end < scalars.count, scalars[end] == "@" {
                i = end
                continue
            }
            var handle = String(String.UnicodeScalarView(scalars[(i + 1)..<end]))
            while handle.hasSuffix(".") { handle.removeLast() }
            i = end - 1
            guard !handle.isEmpty, handle.count <= 40, seen.insert(handle.lowercased()).inserted else { continue }
            found.append(handle)
        }
        return found
    }

    /// The characters a stored handle may hold (the agents table's CHECK).
    static func isHandleCharacter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_" || s == "." || s == "-")
    }

    private static func continuesMention(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s == "_" || s == "." || s == "-"
    }

    /// An `@` right after one of these is part of a word or an address, not a mention.
    private static func joinsMention(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || "_.-@/+".unicodeScalars.contains(s)
    }
}

/// What a note's mentions did: who was notified, and which handles name no agent (the note is
/// stored all the same; the caller says so: "no agent @zed: not notified").
public struct MentionOutcome: Sendable, Equatable {
    /// Handles as stored, of the agents notified (the author is never among them).
    public var notified: [String]
    /// Handles as written that match no agent.
    public var unknown: [String]

    public init(notified: [String] = [], unknown: [String] = []) {
        self.notified = notified; self.unknown = unknown
    }
}
