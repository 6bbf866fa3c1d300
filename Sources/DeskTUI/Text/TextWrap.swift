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

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
