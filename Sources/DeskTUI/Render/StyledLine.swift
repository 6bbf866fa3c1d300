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
