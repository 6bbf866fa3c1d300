/// The eight ANSI colours plus gray; `nil` means the terminal's default.
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white, gray
}

/// How a cell looks. Kept small so a whole frame compares quickly.
public struct Style: Sendable, Hashable {
    public var fg: Color?
    public var bg: Color?
    public var bold = false
    public var dim = false
    public var reverse = false
    public var underline = false
    public var italic = false

    public init(
        fg: Color? = nil, bg: Color? = nil, bold: Bool = false, dim: Bool = false,
        reverse: Bool = false, underline: Bool = false, italic: Bool = false
    ) {
        self.fg = fg; self.bg = bg; self.bold = bold; self.dim = dim
        self.reverse = reverse; self.underline = underline; self.italic = italic
    }

    public static let plain = Style()
    public static let bold = Style(bold: true)
    public static let dim = Style(dim: true)
    public static let reverse = Style(reverse: true)
}
