/// RFC 2047 encoded words in header text: `=?charset?B?…?=` and `=?charset?Q?…?=`, with the
/// whitespace between adjacent encoded words dropped. Malformed words are left as typed.
enum EncodedWords {
    static func decode(_ text: String) -> String {
        guard text.contains("=?") else { return text }
        var out = ""
        var rest = Substring(text)
        var pendingSpace: Substring = ""
        var lastWasEncoded = false
        while !rest.isEmpty {
            guard let start = rest.range(of: "=?") else {
                out += pendingSpace + rest
                pendingSpace = ""
                break
            }
            let before = rest[..<start.lowerBound]
            if let (word, after) = parseWord(rest[start.lowerBound...]) {
                // Only whitespace between two encoded words: it goes.
                if !(lastWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" })) { out += pendingSpace + before }
                pendingSpace = ""
                out += word
                rest = after
                lastWasEncoded = true
            } else {
                out += pendingSpace + before + "=?"
                pendingSpace = ""
                rest = rest[start.upperBound...]
                lastWasEncoded = false
            }
        }
        return out
    }

    /// One encoded word at the start of `s`: its text and what follows it.
    static func parseWord(_ s: Substring) -> (String, Substring)? {
        let body = s.dropFirst(2)
        guard let q1 = body.firstIndex(of: "?") else { return nil }
        let charset = body[..<q1]
        guard !charset.isEmpty, charset.count < 64, !charset.contains(" ") else { return nil }
        let afterCharset = body[body.index(after: q1)...]
        guard let encoding = afterCharset.first, afterCharset.dropFirst().first == "?" else { return nil }
        let payloadStart = afterCharset.index(afterCharset.startIndex, offsetBy: 2)
        let payloadRest = afterCharset[payloadStart...]
        guard let close = payloadRest.range(of: "?=") else { return nil }
        let payload = payloadRest[..<close.lowerBound]
        guard !payload.contains(" ") else { return nil }
        // RFC 2231 adds a language: "utf-8*en".
        let name = String(charset.split(separator: "*").first ?? charset)
        let bytes: [UInt8]
        switch encoding {
        case "B", "b": bytes = TransferEncoding.base64(payload.utf8)
        case "Q", "q": bytes = TransferEncoding.unescapeHex(payload, escape: UInt8(ascii: "="), underscoreIsSpace: true)
        default: return nil
        }
        return (Charsets.decode(bytes, charset: name), payloadRest[close.upperBound...])
    }
}
