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

    private static func append(_ text: String, to out: inout String) {
        out += "\""
        // Most texts need no escaping: appended whole, not scalar by scalar.
        if !text.utf8.contains(where: {
            $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "/")
        }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
