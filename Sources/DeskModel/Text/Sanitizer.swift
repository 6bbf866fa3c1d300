/// The one gate for untrusted text (customer mail, chat, names, subjects) on its way to the screen.
///
/// C0 controls and DEL become caret notation (`^[`, `^?`); C1 controls become `<9B>`-style escapes;
/// bidi overrides and zero-width format characters are dropped; escape sequences are therefore
/// shown, never interpreted. Single-line fields fold tabs and newlines into spaces.
public enum Sanitizer {
    /// For bodies: keeps newlines, expands tabs, makes everything else visible and inert.
    public static func multiline(_ text: String) -> String {
        clean(text.replacingOccurrences(of: "\r\n", with: "\n"), singleLine: false)
    }

    /// For subjects, names, header values: one line.
    public static func singleLine(_ text: String) -> String {
        clean(text, singleLine: true)
    }

    private static func clean(_ text: String, singleLine: Bool) -> String {
        // Most text is printable ASCII (plus newlines in bodies): nothing to do.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || (!singleLine && $0 == 0x0A) }) { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            let v = s.value
            if v >= 0x20 && v < 0x7F { out.append(s); continue }
            switch v {
            case 0x0A:
                if singleLine { out.append(" ") } else { out.append(s) }
            case 0x09:
                if singleLine { out.append(" ") } else { out.append(contentsOf: "    ".unicodeScalars) }
            case 0x00..<0x20:
                out.append("^")
                out.append(Unicode.Scalar(UInt8(v + 0x40)))
            case 0x7F:
                out.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0:
                out.append(contentsOf: "<\(String(v, radix: 16, uppercase: true))>".unicodeScalars)
            default:
                if isDropped(s) { continue }
                out.append(s)
            }
        }
        return String(out)
    }

    /// Bidi controls and invisible format characters. ZWJ and ZWNJ stay: emoji and scripts need them.
    static func isDropped(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v == 0x200C || v == 0x200D { return false }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C {
            return true
        }
        return s.properties.generalCategory == .format
    }
}
