/// Soft-wraps text to a display width: at spaces where possible, mid-word when a word is
/// longer than the line; never splits a grapheme.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append(contentsOf: wrapParagraph(String(paragraph), width: width))
        }
        return result
    }

    private static func wrapParagraph(_ p: String, width: Int) -> [String] {
        if p.isEmpty { return [""] }
        if p.utf8.count <= width { return [p] }
        if p.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return wrapASCII(Array(p.utf8), width: width) }
        return wrapGraphemes(p, width: width)
    }

    /// The general path: any text, grapheme by grapheme, by display width.
    static func wrapGraphemes(_ p: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        var lastSpace: (String.Index, Int)? = nil  // index in `line` after the space, width up to it
        for ch in p {
            let w = DisplayWidth.of(ch)
            if lineWidth + w > width {
                if ch == " " { lines.append(line); line = ""; lineWidth = 0; lastSpace = nil; continue }
                if let (idx, wUpTo) = lastSpace, wUpTo > 0 {
                    let head = String(line[..<idx]).trimmingTrailingSpaces()
                    let tail = String(line[idx...])
                    lines.append(head)
                    line = tail
                    lineWidth = lineWidth - wUpTo
                } else {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                lastSpace = nil
            }
            line.append(ch)
            lineWidth += w
            if ch == " " { lastSpace = (line.endIndex, lineWidth) }
        }
        lines.append(line)
        return lines
    }
}

extension TextWrap {
    /// Printable ASCII (most mail): one byte is one column, so the same algorithm as
    /// `wrapGraphemes` runs on bytes instead of graphemes (tested to agree).
    static func wrapASCII(_ bytes: [UInt8], width: Int) -> [String] {
        let space = UInt8(ascii: " ")
        var lines: [String] = []
        var line: [UInt8] = []
        line.reserveCapacity(width + 1)
        var lastSpace: Int? = nil  // length of `line` just after its last space
        func text(_ b: ArraySlice<UInt8>) -> String { String(decoding: b, as: UTF8.self) }
        for b in bytes {
            if line.count + 1 > width {
                if b == space {
                    lines.append(text(line[...]))
                    line.removeAll(keepingCapacity: true)
                    lastSpace = nil
                    continue
                }
                if let idx = lastSpace, idx > 0 {
                    var end = idx
                    while end > 0 && line[end - 1] == space { end -= 1 }
                    lines.append(text(line[..<end]))
                    line = Array(line[idx...])
                } else {
                    lines.append(text(line[...]))
                    line.removeAll(keepingCapacity: true)
                }
                lastSpace = nil
            }
            line.append(b)
            if b == space { lastSpace = line.count }
        }
        lines.append(text(line[...]))
        return lines
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
