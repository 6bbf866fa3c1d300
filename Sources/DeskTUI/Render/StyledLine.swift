/// A run of text in one style.
public struct Span: Sendable, Equatable {
    public var text: String
    public var style: Style
    public init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

/// One screen line made of spans.
public typealias StyledLine = [Span]

extension Buffer {
    /// Draws spans left to right from (x, y), clipped to `width` columns.
    @discardableResult
    public mutating func put(_ line: StyledLine, x: Int, y: Int, width: Int) -> Int {
        var col = x
        for span in line {
            let remaining = x + width - col
            if remaining <= 0 { break }
            col = put(span.text, x: col, y: y, maxWidth: remaining, style: span.style)
        }
        return col
    }
}

/// Word-wraps styled text: the styles stay on their words, a word longer than the line is cut
/// between graphemes, and spaces at a break are dropped. For rows that must never be cut off.
enum StyledWrap {
    static func lines(_ line: StyledLine, width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        var out: [StyledLine] = [[]]
        var used = 0
        func append(_ text: String, _ style: Style) {
            if let last = out[out.count - 1].last, last.style == style {
                out[out.count - 1][out[out.count - 1].count - 1].text += text
            } else {
                out[out.count - 1].append(Span(text, style))
            }
        }
        func breakLine() {
            if var last = out[out.count - 1].popLast() {
                last.text = last.text.trimmingTrailingSpaces()
                if !last.text.isEmpty { out[out.count - 1].append(last) }
            }
            out.append([])
            used = 0
        }
        for span in line {
            for word in words(span.text) {
                if word == " " {
                    if used == 0 { continue }
                    if used + 1 > width { breakLine(); continue }
                    append(" ", span.style)
                    used += 1
                    continue
                }
                let w = DisplayWidth.of(word)
                if used > 0, used + w > width { breakLine() }
                if w <= width {
                    append(word, span.style)
                    used += w
                    continue
                }
                for (i, piece) in TextWrap.wrapGraphemes(word, width: width).enumerated() {
                    if i > 0 { breakLine() }
                    append(piece, span.style)
                    used = DisplayWidth.of(piece)
                }
            }
        }
        return out
    }

    /// Words and the single spaces between them.
    private static func words(_ s: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in s {
            if ch == " " {
                if !word.isEmpty { out.append(word); word = "" }
                out.append(" ")
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { out.append(word) }
        return out
    }
}
