import Foundation

/// Wrapping a styled line (the ticket header's facts, tags, suggestions) at spaces, keeping each
/// piece's style; continuation lines are indented so they read as one item. Spans that touch
/// without a space between them ("3 " and a template name after it is fine; "#85" and ",") stay
/// together, and so do words joined by a no-break space (U+00A0), shown as a plain space.
enum StyledWrap {
    static func lines(_ line: StyledLine, width: Int, indent: Int = 2) -> [StyledLine] {
        guard width > indent + 4, DisplayWidth.of(line.map(\.text).joined()) > width else { return [plain(line)] }
        var out: [StyledLine] = []
        var current: StyledLine = []
        var used = 0
        var hasContent = false
        func flush() {
            out.append(current)
            current = [Span(String(repeating: " ", count: indent))]
            used = indent
            hasContent = false
        }
        for chunk in chunks(line) {
            var pieces = chunk
            if hasContent, used + DisplayWidth.of(pieces.map(\.text).joined()) > width { flush() }
            if !hasContent, !out.isEmpty, let first = pieces.first {
                pieces[0] = Span(String(first.text.drop { $0 == " " }), first.style)
            }
            for piece in pieces {
                var text = piece.text
                // A piece wider than the line is cut where the line ends.
                while used + DisplayWidth.of(text) > width {
                    let head = DisplayWidth.truncate(text, to: width - used, ellipsis: false)
                    if head.isEmpty { break }
                    current.append(Span(head, piece.style))
                    text = String(text.dropFirst(head.count))
                    flush()
                }
                if !text.isEmpty {
                    current.append(Span(text, piece.style))
                    used += DisplayWidth.of(text)
                    hasContent = true
                }
            }
        }
        if hasContent || out.isEmpty { out.append(current) }
        return out.map(plain)
    }

    static let noBreakSpace: Character = "\u{00A0}"

    /// No-break spaces shown as spaces.
    static func plain(_ line: StyledLine) -> StyledLine {
        line.map { $0.text.contains(noBreakSpace) ? Span($0.text.replacingOccurrences(of: "\u{00A0}", with: " "), $0.style) : $0 }
    }

    /// The line cut where it may break: before a run of spaces and the word after it. A chunk is
    /// one or more styled pieces.
    static func chunks(_ line: StyledLine) -> [[Span]] {
        var out: [[Span]] = []
        var chunk: [Span] = []
        var afterSpace = true
        for span in line {
            var piece = ""
            for ch in span.text {
                // A space after a non-space begins a new chunk (the space and the next word).
                if ch == " ", !afterSpace {
                    if !piece.isEmpty { chunk.append(Span(piece, span.style)) }
                    if !chunk.isEmpty { out.append(chunk) }
                    chunk = []
                    piece = ""
                }
                afterSpace = ch == " "
                piece.append(ch)
            }
            if !piece.isEmpty { chunk.append(Span(piece, span.style)) }
        }
        if !chunk.isEmpty { out.append(chunk) }
        return out
    }
}
