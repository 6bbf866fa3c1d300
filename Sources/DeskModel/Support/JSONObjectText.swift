/// A flat JSON object of texts with sorted keys, written directly: every write stores one or
/// more of these (event data, message metadata), and a JSONEncoder per event cost more than the
/// insert. The output is what `JSONEncoder` with `.sortedKeys` writes for the same dictionary.
enum JSONObjectText {
    static func encode(_ object: [String: String]) -> String {
        var out = "{"
        for (i, key) in object.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            append(key, to: &out)
            out += ":"
            append(object[key]!, to: &out)
        }
        return out + "}"
    }

    /// The text quoted, escaped as JSONEncoder escapes it. Escapes are all ASCII, so the text is
    /// copied in runs between them rather than scalar by scalar.
    private static func append(_ text: String, to out: inout String) {
        out += "\""
        let utf8 = text.utf8
        var run = utf8.startIndex
        var i = run
        while i != utf8.endIndex {
            if let escaped = escape(utf8[i]) {
                out += text[run..<i]
                out += escaped
                run = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out += text[run...]
        out += "\""
    }

    private static func escape(_ byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "\""): return "\\\""
        case UInt8(ascii: "\\"): return "\\\\"
        case UInt8(ascii: "/"): return "\\/"
        case UInt8(ascii: "\n"): return "\\n"
        case UInt8(ascii: "\r"): return "\\r"
        case UInt8(ascii: "\t"): return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        case ..<0x20:
            let hex = String(byte, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return nil
        }
    }
}
