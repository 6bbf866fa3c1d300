/// A structured header value: `type/subtype; name=value; …` (Content-Type, Content-Disposition),
/// with quoted strings and RFC 2231 parameters (`name*=utf-8''%E2%82%AC`, `name*0=…; name*1=…`).
struct HeaderParameters: Equatable {
    /// The value before the first `;`, lowercased and trimmed ("text/plain", "attachment").
    var value: String
    /// Parameter names lowercased; values decoded.
    var parameters: [String: String]

    init(_ raw: String) {
        let parts = MailAddress.splitTopLevel(raw, on: [ascii(";")])
        value = (parts.first ?? "").trimmed.asciiLowercased
        var plain: [String: String] = [:]
        // name → [(index, extended, text)] for RFC 2231 continuations.
        var pieces: [String: [(Int, Bool, String)]] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            var name = part[..<eq].trimmed.asciiLowercased
            let v = Self.unquote(part[part.index(after: eq)...].trimmed)
            guard !name.isEmpty else { continue }
            var extended = false
            if name.hasSuffix("*") {
                extended = true
                name.removeLast()
            }
            if let star = name.firstIndex(of: "*"), let n = Int(name[name.index(after: star)...]) {
                pieces[String(name[..<star]), default: []].append((n, extended, v))
            } else if extended {
                pieces[name, default: []].append((0, true, v))
            } else if plain[name] == nil {
                plain[name] = v
            }
        }
        for (name, list) in pieces {
            plain[name] = Self.join(list.sorted { $0.0 < $1.0 })
        }
        parameters = plain
    }

    subscript(_ name: String) -> String? { parameters[name] }

    /// Joins RFC 2231 segments: the first extended one names the charset; %XX are bytes in it.
    static func join(_ segments: [(Int, Bool, String)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for (i, (_, extended, text)) in segments.enumerated() {
            var t = Substring(text)
            if extended && i == 0 {
                let parts = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = parts[0].isEmpty ? nil : String(parts[0])
                    t = parts[2]
                }
            }
            if extended {
                bytes += TransferEncoding.unescapeHex(t, escape: UInt8(ascii: "%"))
            } else {
                bytes += Array(t.utf8)
            }
        }
        return Charsets.decode(bytes, charset: charset)
    }

    static func unquote(_ s: String) -> String {
        guard s.hasPrefix("\"") else { return s }
        var out = ""
        var escaped = false
        for c in s.dropFirst() {
            if escaped {
                out.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "\"" {
                break
            } else {
                out.append(c)
            }
        }
        return out
    }
}
