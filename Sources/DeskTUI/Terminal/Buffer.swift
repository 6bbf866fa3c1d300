/// One terminal cell, plain data so a frame copies and compares like memory.
/// A single-scalar grapheme is stored inline; a cluster (base + marks, ZWJ emoji) lives in the
/// buffer's side table. A wide grapheme occupies its cell plus a continuation cell (width 0).
public struct Cell: Sendable, Equatable {
    /// A Unicode scalar value, or `clusterFlag | index` into `Buffer.clusters`.
    var code: UInt32
    public var width: UInt8
    public var style: Style

    static let clusterFlag: UInt32 = 0x8000_0000
    public static let blank = Cell(code: 0x20, width: 1, style: .plain)
    var isCluster: Bool { code & Self.clusterFlag != 0 }
}

/// A cell changed between two frames, ready for a backend to draw.
public struct CellChange: Sendable, Equatable {
    public var x: Int
    public var y: Int
    public var text: String
    public var width: Int
    public var style: Style
}

/// A grid of cells that widgets render into; the backend draws the diff of two buffers.
public struct Buffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]
    private var clusters: [String] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    private func text(of c: Cell) -> String {
        if c.width == 0 { return "" }
        if c.isCluster { return clusters[Int(c.code & ~Cell.clusterFlag)] }
        return String(Character(Unicode.Scalar(c.code) ?? " "))
    }

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
            let scalars = ch.unicodeScalars
            let first = scalars.first!
            var w: Int
            var code: UInt32
            if first.value < 0x80 && scalars.count == 1 {
                // The common case: ASCII is one column and needs no Unicode lookups.
                w = 1
                code = first.value < 0x20 || first.value == 0x7F ? 0x3F : first.value
            } else if scalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }) {
                w = 1
                code = 0x3F
            } else {
                w = DisplayWidth.of(ch)
                if DisplayWidth.isZeroWidth(first) {
                    code = cluster(" " + String(ch))  // a lone combining mark gets a base to sit on
                } else if scalars.count == 1 {
                    code = first.value
                } else {
                    code = cluster(String(ch))
                }
            }
            if col + w > limit {
                // A wide grapheme that does not fit is never split: pad instead.
                while col < limit { set(col, y, Cell(code: 0x20, width: 1, style: style)); col += 1 }
                break
            }
            set(col, y, Cell(code: code, width: UInt8(w), style: style))
            if w == 2 { set(col + 1, y, Cell(code: 0, width: 0, style: style)) }
            col += w
        }
        return col
    }

    private mutating func cluster(_ s: String) -> UInt32 {
        clusters.append(s)
        return Cell.clusterFlag | UInt32(clusters.count - 1)
    }

    /// Fills a rectangle with spaces of one style.
    public mutating func fill(_ rect: Rect, style: Style = .plain) {
        let blank = Cell(code: 0x20, width: 1, style: style)
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { set(x, y, blank) }
        }
    }

    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * width + x
        // Overwriting half of a wide grapheme blanks the other half.
        if cells[i].width == 2, x + 1 < width, cell.width != 2 {
            cells[i + 1] = Cell(code: 0x20, width: 1, style: cells[i].style)
        }
        if cell.width != 0, cells[i].width == 0, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(code: 0x20, width: 1, style: cells[i - 1].style)
        }
        cells[i] = cell
    }

    /// The cells that differ from `old` (everything when sizes differ); continuation cells are implied.
    public func diff(from old: Buffer?) -> [CellChange] {
        var changes: [CellChange] = []
        let same = old.map { $0.width == width && $0.height == height } ?? false
        for i in 0..<cells.count {
            let c = cells[i]
            if c.width == 0 { continue }
            if same, let o = old?.cells[i],
                o == c
                    || (o.isCluster && c.isCluster && o.width == c.width && o.style == c.style
                        && old!.text(of: o) == text(of: c))
            {
                continue
            }
            changes.append(CellChange(x: i % width, y: i / width, text: text(of: c), width: Int(c.width), style: c.style))
        }
        return changes
    }

    /// The style of the cell at (x, y): what widget tests check besides the text.
    public func style(x: Int, y: Int) -> Style { cells[y * width + x].style }

    /// The grid as plain text lines, for snapshot tests and `capture`.
    public func lines() -> [String] {
        (0..<height).map { y in
            var s = ""
            for x in 0..<width { s += text(of: cells[y * width + x]) }
            return s
        }
    }

    public static func == (a: Buffer, b: Buffer) -> Bool { a.width == b.width && a.height == b.height && a.lines() == b.lines() }
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
