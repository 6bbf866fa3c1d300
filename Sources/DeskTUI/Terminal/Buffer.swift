/// One terminal cell. A wide grapheme occupies its cell plus a continuation cell (width 0).
public struct Cell: Sendable, Equatable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public static let blank = Cell(text: " ", width: 1, style: .plain)
    static let continuation = Cell(text: "", width: 0, style: .plain)
}

/// A cell changed between two frames, ready for a backend to draw.
public struct CellChange: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var cell: Cell
}

/// A grid of cells that widgets render into; the backend draws the diff of two buffers.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes `text` from (x, y), clipped at `x + maxWidth` and the buffer edge.
    /// Returns the column after the last cell written. Control characters never reach a
    /// cell (they become `?`): the sanitiser is the first defence, this is the second.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain) -> Int {
        guard y >= 0, y < height, x < width else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var col = max(0, x)
        for ch in text {
            if col >= limit { break }
            var g: String
            var w: Int
            if let a = ch.asciiValue {
                // The common case: printable ASCII is one column and needs no Unicode lookups.
                g = a < 0x20 || a == 0x7F ? "?" : String(ch)
                w = 1
            } else {
                g = String(ch)
                w = DisplayWidth.of(ch)
                let first = ch.unicodeScalars.first!
                if ch.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
                    g = "?"; w = 1
                } else if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark {
                    g = " " + g  // a lone combining mark gets a base to sit on
                }
            }
            if col + w > limit {
                // A wide grapheme that does not fit is never split: pad instead.
                while col < limit { set(col, y, Cell(text: " ", width: 1, style: style)); col += 1 }
                break
            }
            set(col, y, Cell(text: g, width: UInt8(w), style: style))
            if w == 2 { set(col + 1, y, Cell(text: "", width: 0, style: style)) }
            col += w
        }
        return col
    }

    /// Fills a rectangle with spaces of one style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                set(x, y, Cell(text: " ", width: 1, style: style))
            }
        }
    }

    /// Applies a style to cells already written (for selection highlight).
    public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) {
                transform(&cells[y * width + x].style)
            }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * width + x
        // Overwriting half of a wide grapheme blanks the other half.
        if cells[i].width == 2, x + 1 < width, cell.width != 2 { cells[i + 1] = Cell(text: " ", width: 1, style: cells[i].style) }
        if cell.width != 0, cells[i].width == 0, x > 0, cells[i - 1].width == 2 { cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style) }
        cells[i] = cell
    }

    /// The cells that differ from `old` (everything when sizes differ); continuation cells are implied.
    public func diff(from old: Buffer?) -> [CellChange] {
        var changes: [CellChange] = []
        let same = old.map { $0.width == width && $0.height == height } ?? false
        for y in 0..<height {
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width == 0 { continue }
                if same, old!.cells[y * width + x] == c { continue }
                changes.append(CellChange(x: x, y: y, cell: c))
            }
        }
        return changes
    }

    /// The grid as plain text lines, for snapshot tests and `capture`.
    public func lines() -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += cells[y * width + x].text }
            return s
        }
    }
}

/// A rectangle of the screen.
public struct Rect: Sendable, Equatable {
    public var x, y, width, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }
    public var maxY: Int { y + height }
    public var maxX: Int { x + width }
}
