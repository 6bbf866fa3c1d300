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
        return splitTopLevel(raw, on: [ascii(","), ascii(";")]).compactMap(parseOne)
    }

    // The delimiters are ASCII, so entries are cut on the UTF-8 bytes: walking Characters
    // (grapheme breaking) made address headers a quarter of parsing a mail.
    static func parseOne(_ entry: Substring) -> MailAddress? {
        var s = Substring(entry.trimmed)
        // A group's name ("Team:") goes; its closing ";" too.
        if let colon = s.utf8.firstIndex(of: ascii(":")),
            !s.utf8[..<colon].contains(where: { $0 == ascii("<") || $0 == ascii("\"") || $0 == ascii("@") })
        {
            s = Substring(s[s.utf8.index(after: colon)...].trimmed)
        }
        if s.utf8.last == ascii(";") { s = s[..<s.utf8.index(before: s.endIndex)] }
        var name: String?
        var address: Substring
        if let lt = s.utf8.lastIndex(of: ascii("<")), let gt = s.utf8[lt...].firstIndex(of: ascii(">")) {
            address = s[s.utf8.index(after: lt)..<gt]
            let display = s[..<lt].trimmed
            name = display.isEmpty ? nil : display
        } else if let open = s.utf8.firstIndex(of: ascii("(")), let close = s.utf8.lastIndex(of: ascii(")")), open < close {
            // addr (Comment): the comment is the name.
            let comment = s[s.utf8.index(after: open)..<close].trimmed
            name = comment.isEmpty ? nil : comment
            address = Substring(String(s[..<open]) + String(s[s.utf8.index(after: close)...]))
        } else {
            address = s
        }
        address = Substring(address.trimmed)
        if address.utf8.starts(with: "mailto:".utf8) { address = address.dropFirst(7) }
        guard isPlausible(address) else { return nil }
        let plain = String(address)
        if let n = name {
            let decoded = EncodedWords.decode(HeaderParameters.unquote(n)).trimmed
            name = decoded.isEmpty || decoded == plain ? nil : decoded
        }
        return MailAddress(name: name, address: plain)
    }

    /// Something before and after the last `@`, no space, brackets, comma or line break, at most 254 characters.
    static func isPlausible(_ address: Substring) -> Bool {
        let u = address.utf8
        guard let at = u.lastIndex(of: ascii("@")), at != u.startIndex, u.index(after: at) != u.endIndex else { return false }
        for b in u {
            switch b {
            case ascii(" "), ascii("<"), ascii(">"), ascii(","), 0x0A...0x0D: return false
            default: continue
            }
        }
        guard u.contains(where: { $0 >= 0x80 }) else { return u.count <= 254 }
        return !address.contains(where: \.isNewline) && address.count <= 254
    }

    /// Splits on `separators` (ASCII) outside quoted strings, angle brackets and comments
    /// (address lists, and the parameters of Content-Type and Content-Disposition).
    static func splitTopLevel(_ raw: String, on separators: Set<UInt8>) -> [Substring] {
        var out: [Substring] = []
        let u = raw.utf8
        var start = u.startIndex
        var quote = false, angle = 0, paren = 0
        var escaped = false
        var i = u.startIndex
        while i < u.endIndex {
            let c = u[i]
            if escaped {
                escaped = false
            } else if c == ascii("\\") {
                escaped = true
            } else if c == ascii("\"") {
                quote.toggle()
            } else if !quote {
                switch c {
                case ascii("<"): angle += 1
                case ascii(">"): angle = max(0, angle - 1)
                case ascii("("): paren += 1
                case ascii(")"): paren = max(0, paren - 1)
                default:
                    if angle == 0 && paren == 0 && separators.contains(c) {
                        out.append(raw[start..<i])
                        start = u.index(after: i)
                    }
                }
            }
            i = u.index(after: i)
        }
        out.append(raw[start...])
        return out
    }
}

/// The byte of an ASCII character (header syntax is ASCII).
@inline(__always) func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }

/// Message-IDs in `Message-ID`, `In-Reply-To` and `References`: every `<…>` token, in order.
enum MessageIDs {
    static func list(_ raw: String?) -> [String] {
        guard let raw else { return [] }
        var out: [String] = []
        var rest = Substring(raw)
        while let lt = rest.utf8.firstIndex(of: ascii("<")), let gt = rest.utf8[lt...].firstIndex(of: ascii(">")) {
            let inner = rest[rest.utf8.index(after: lt)..<gt].trimmed
            if !inner.isEmpty, inner.utf8.count <= 250 || inner.count <= 250, !inner.utf8.contains(ascii(" ")) {
                out.append("<" + inner + ">")
            }
            rest = rest[rest.utf8.index(after: gt)...]
        }
        // A bare id without brackets (seen from broken mailers).
        if out.isEmpty {
            let t = raw.trimmed
            if t.contains("@"), !t.contains(" "), t.count <= 250 { out.append("<" + t + ">") }
        }
        return out
    }
}
