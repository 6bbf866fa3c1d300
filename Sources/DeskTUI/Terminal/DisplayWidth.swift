import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// glibc's wcwidth; Swift's Glibc overlay does not export it, and only the ncurses
// backend may import CNcurses, so it is bound by symbol name.
@_silgen_name("wcwidth") private func c_wcwidth(_ c: Int32) -> Int32

/// Terminal column widths of graphemes, from wcwidth under a UTF-8 locale.
public enum DisplayWidth {
    /// Sets the locale from the environment, falling back to C.UTF-8 when it is not UTF-8,
    /// so widths are right even under `LANG=C`. Call once before measuring anything.
    public static func prepareLocale() {
        setlocale(LC_ALL, "")
        let ctype = String(cString: setlocale(LC_CTYPE, nil))
        if !ctype.uppercased().contains("UTF-8") && !ctype.uppercased().contains("UTF8") {
            _ = setlocale(LC_CTYPE, "C.UTF-8")
        }
    }

    /// Columns one grapheme takes: 0 is never returned; wide (CJK, emoji) is 2.
    public static func of(_ c: Character) -> Int {
        if c.asciiValue != nil { return 1 }
        let scalars = c.unicodeScalars
        let base = scalars.first!
        var w = Int(c_wcwidth(Int32(bitPattern: base.value)))
        if w < 0 { w = 1 }
        if scalars.count > 1 {
            // Emoji presentation, ZWJ sequences, skin tones and flags all render two columns wide.
            for s in scalars.dropFirst() where s.value == 0xFE0F || s.value == 0x200D || (0x1F3FB...0x1F3FF).contains(s.value) {
                if base.properties.isEmoji { w = 2 }
            }
            if (0x1F1E6...0x1F1FF).contains(base.value) { w = 2 }
        }
        return max(1, min(2, w))
    }

    /// A combining or enclosing mark: it needs a base character to sit on.
    public static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        guard c_wcwidth(Int32(bitPattern: s.value)) == 0 else { return false }
        let cat = s.properties.generalCategory
        return cat == .nonspacingMark || cat == .enclosingMark
    }

    /// Columns a whole string takes.
    public static func of(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// The longest prefix of `s` that fits in `width` columns, with an ellipsis when cut.
    public static func truncate(_ s: String, to width: Int, ellipsis: Bool = true) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        let limit = ellipsis ? width - 1 : width
        for c in s {
            let w = of(c)
            if used + w > limit { break }
            out.append(c)
            used += w
        }
        return ellipsis ? out + "…" : out
    }

    /// Pads with spaces (or truncates) to exactly `width` columns.
    public static func pad(_ s: String, to width: Int) -> String {
        let t = truncate(s, to: width)
        return t + String(repeating: " ", count: max(0, width - of(t)))
    }
}
