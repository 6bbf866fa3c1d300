/// A mailbox from an address header: `Name <local@domain>`, `"Last, First" <a@b>`,
/// `a@b (Name)`, groups (`Team: a@b, c@d;`). Display names have encoded words decoded.
public struct MailAddress: Sendable, Equatable {
    public var name: String?
    public var address: String

    public init(name: String?, address: String) {
        self.name = name
        self.address = address
    }

    /// Every mailbox in the header value; entries without a plausible address are skipped.
    public static func list(_ raw: String?) -> [MailAddress] {
        guard let raw else { return [] }
        return splitTopLevel(raw, on: [",", ";"]).compactMap(parseOne)
    }

    static func parseOne(_ entry: Substring) -> MailAddress? {
        var s = entry.trimmed
        // A group's name ("Team:") goes; its closing ";" too.
        if let colon = s.firstIndex(of: ":"), !s[..<colon].contains("<"), !s[..<colon].contains("\""),
            !s[..<colon].contains("@")
        {
            s = String(s[s.index(after: colon)...]).trimmed
        }
        if s.hasSuffix(";") { s.removeLast() }
        var name: String?
        var address: String
        if let lt = s.lastIndex(of: "<"), let gt = s[lt...].firstIndex(of: ">") {
            address = String(s[s.index(after: lt)..<gt])
            let display = s[..<lt].trimmed
            name = display.isEmpty ? nil : display
        } else {
            // addr (Comment): the comment is the name.
            var bare = s
            if let open = s.firstIndex(of: "("), let close = s.lastIndex(of: ")"), open < close {
                let comment = s[s.index(after: open)..<close].trimmed
                name = comment.isEmpty ? nil : comment
                bare = String(s[..<open]) + String(s[s.index(after: close)...])
            }
            address = bare
        }
        address = address.trimmed
        if address.hasPrefix("mailto:") { address.removeFirst(7) }
        guard let at = address.lastIndex(of: "@"), at != address.startIndex, address.index(after: at) != address.endIndex,
            !address.contains(where: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "," || $0.isNewline }),
            address.count <= 254
        else { return nil }
        if let n = name {
            let decoded = EncodedWords.decode(HeaderParameters.unquote(n)).trimmed
            name = decoded.isEmpty || decoded == address ? nil : decoded
        }
        return MailAddress(name: name, address: address)
    }

    /// Splits on `separators` outside quoted strings, angle brackets and comments (address lists,
    /// and the parameters of Content-Type and Content-Disposition).
    static func splitTopLevel(_ raw: String, on separators: Set<Character>) -> [Substring] {
        var out: [Substring] = []
        var start = raw.startIndex
        var quote = false, angle = 0, paren = 0
        var escaped = false
        var i = raw.startIndex
        while i < raw.endIndex {
            let c = raw[i]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                quote.toggle()
            } else if !quote {
                switch c {
                case "<": angle += 1
                case ">": angle = max(0, angle - 1)
                case "(": paren += 1
                case ")": paren = max(0, paren - 1)
                case ",",
                    ";" where angle == 0 && paren == 0:
                    out.append(raw[start..<i])
                    start = raw.index(after: i)
                default: break
                }
            }
            i = raw.index(after: i)
        }
        out.append(raw[start...])
        return out
    }
}

/// Message-IDs in `Message-ID`, `In-Reply-To` and `References`: every `<…>` token, in order.
enum MessageIDs {
    static func list(_ raw: String?) -> [String] {
        guard let raw else { return [] }
        var out: [String] = []
        var rest = Substring(raw)
        while let lt = rest.firstIndex(of: "<"), let gt = rest[lt...].firstIndex(of: ">") {
            let inner = rest[rest.index(after: lt)..<gt].trimmed
            if !inner.isEmpty, inner.count <= 250, !inner.contains(" ") { out.append("<" + inner + ">") }
            rest = rest[rest.index(after: gt)...]
        }
        // A bare id without brackets (seen from broken mailers).
        if out.isEmpty {
            let t = raw.trimmed
            if t.contains("@"), !t.contains(" "), t.count <= 250 { out.append("<" + t + ">") }
        }
        return out
    }
}
