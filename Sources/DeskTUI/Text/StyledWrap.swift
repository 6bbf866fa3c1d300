import Foundation

/// Wrapping a styled line at spaces, keeping each piece's style: the ticket header's facts, tags
/// and suggestions (continuation lines indented so they read as one item), and the escalation
/// package's rows, which must never be cut. A word longer than the line is cut between characters. Spans that touch
/// without a space between them stay together, and so do words joined by a no-break space
/// (U+00A0), shown as a plain space. One pass over the characters, widths measured once: the
/// header is wrapped on every frame.
enum StyledWrap {
    static let noBreakSpace: Character = "\u{00A0}"

    static func lines(_ line: StyledLine, width: Int, indent: Int = 0) -> [StyledLine] {
        // Most header lines fit: measured once, returned as they are.
        guard width > indent, DisplayWidth.of(line.map(\.text).joined()) > width else { return [plain(line)] }
        // Each character with its span and width; a no-break space becomes a space here.
        var chars: [(ch: Character, span: Int, width: Int)] = []
        for (i, span) in line.enumerated() {
            for ch in span.text { chars.append((ch == noBreakSpace ? " " : ch, i, DisplayWidth.of(ch))) }
        }
        // Breaks come before a space that follows a non-space (the original's no-break spaces excluded).
        var isBreak = [Bool](repeating: false, count: chars.count)
        var original: [Character] = []
        original.reserveCapacity(chars.count)
        for span in line { original.append(contentsOf: span.text) }
        for i in chars.indices.dropFirst() where original[i] == " " && original[i - 1] != " " { isBreak[i] = true }

        var out: [StyledLine] = []
        var current: [(Character, Int, Int)] = []  // character, span, width
        var used = 0
        var hasContent = false
        // Where the current line could break after a " · ", and its width there: a line that
        // must break breaks there when that keeps it at least half full ("owner Emma Lindqvist"
        // goes whole to the next line).
        var itemBreak: (at: Int, used: Int)?
        func flush() {
            out.append(styled(current.map { ($0.0, $0.1) }, line))
            current = Array(repeating: (" ", -1, 1), count: indent)
            used = indent
            hasContent = false
            itemBreak = nil
        }
        func append<C: Collection>(_ chunk: C) where C.Element == (ch: Character, span: Int, width: Int) {
            for c in chunk {
                // A chunk wider than the line is cut where the line ends.
                if used + c.width > width, hasContent { flush() }
                current.append((c.ch, c.span, c.width))
                used += c.width
                hasContent = true
            }
        }
        var afterSeparator = false
        var start = 0
        while start < chars.count {
            var end = start + 1
            while end < chars.count, !isBreak[end] { end += 1 }
            var chunk = chars[start..<end]
            if afterSeparator, hasContent { itemBreak = (current.count, used) }
            if hasContent, used + chunk.reduce(0, { $0 + $1.width }) > width {
                if let b = itemBreak, b.used * 2 >= width {
                    let tail = current[b.at...].drop { $0.0 == " " }.map { (ch: $0.0, span: $0.1, width: $0.2) }
                    current.removeSubrange(b.at...)
                    flush()
                    append(tail)
                }
                if hasContent, used + chunk.reduce(0, { $0 + $1.width }) > width { flush() }
            }
            if !hasContent, !out.isEmpty { chunk = chunk.drop { $0.ch == " " } }
            // " ·" ends an item: the next chunk begins one (the separator stays on this line).
            afterSeparator = chunk.count == 2 && chunk.last?.ch == "·"
            append(chunk)
            start = end
        }
        if hasContent || out.isEmpty { out.append(styled(current.map { ($0.0, $0.1) }, line)) }
        return out
    }

    /// Characters (with their span's index; -1 for indentation) as spans of the line's styles.
    private static func styled(_ chars: [(Character, Int)], _ line: StyledLine) -> StyledLine {
        var out: StyledLine = []
        var text = ""
        var span = chars.first?.1 ?? -1
        for (ch, s) in chars {
            if s != span {
                out.append(Span(text, span >= 0 ? line[span].style : .plain))
                text = ""
                span = s
            }
            text.append(ch)
        }
        if !text.isEmpty { out.append(Span(text, span >= 0 ? line[span].style : .plain)) }
        return out
    }

    /// No-break spaces shown as spaces.
    static func plain(_ line: StyledLine) -> StyledLine {
        line.map { $0.text.contains(noBreakSpace) ? Span($0.text.replacingOccurrences(of: "\u{00A0}", with: " "), $0.style) : $0 }
    }
}
