/// A position in editor text: a line and a grapheme index within it.
public struct TextPos: Sendable, Hashable, Comparable {
    public var line: Int
    public var col: Int
    public init(line: Int, col: Int) { self.line = line; self.col = col }
    public static func < (a: TextPos, b: TextPos) -> Bool { (a.line, a.col) < (b.line, b.col) }
    public static let start = TextPos(line: 0, col: 0)
}

/// One change, enough to undo and redo it: the text from `at` that was `removed` and what was `inserted`.
struct TextEdit: Sendable, Equatable {
    var at: TextPos
    var removed: String
    var inserted: String
}

/// Editor text as lines of graphemes: a line is indexed by character in O(1), and an edit
/// touches only the lines it spans, so typing in a long draft costs the same as in a short one.
public struct TextBuffer: Sendable, Equatable {
    public private(set) var lines: [[Character]]

    public init(_ text: String = "") {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }
    public var end: TextPos { TextPos(line: lines.count - 1, col: lines[lines.count - 1].count) }

    public func clamp(_ p: TextPos) -> TextPos {
        let line = min(max(0, p.line), lines.count - 1)
        return TextPos(line: line, col: min(max(0, p.col), lines[line].count))
    }

    /// The text between two positions (in either order).
    public func text(from a: TextPos, to b: TextPos) -> String {
        let (s, e) = a <= b ? (a, b) : (b, a)
        if s.line == e.line { return String(lines[s.line][s.col..<e.col]) }
        var out = String(lines[s.line][s.col...])
        for l in (s.line + 1)..<e.line { out += "\n" + String(lines[l]) }
        return out + "\n" + String(lines[e.line][..<e.col])
    }

    /// Replaces the text between `a` and `b` with `s`; returns the change as made (for undo) and
    /// where the inserted text ends. Graphemes are re-formed at the two seams only, so a combining
    /// mark typed after its base joins it, and the cost does not grow with the line.
    @discardableResult
    mutating func replace(_ a: TextPos, _ b: TextPos, with s: String) -> (edit: TextEdit, end: TextPos) {
        let (start, end) = a <= b ? (clamp(a), clamp(b)) : (clamp(b), clamp(a))
        var removed = text(from: start, to: end)
        let head = lines[start.line][..<start.col]
        let tail = lines[end.line][end.col...]
        let pieces = s.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var newLines = pieces
        newLines[0].insert(contentsOf: head, at: 0)
        let last = newLines.count - 1
        var endCol = newLines[last].count
        newLines[last].append(contentsOf: tail)
        var at = start
        if Self.mergeSeam(&newLines[0], at: head.count) {
            at.col -= 1
            removed = String(lines[start.line][start.col - 1]) + removed
            if last == 0 { endCol -= 1 }
        }
        if !tail.isEmpty, Self.mergeSeam(&newLines[last], at: endCol) {
            removed += String(tail.first!)
        }
        lines.replaceSubrange(start.line...end.line, with: newLines)
        let endPos = TextPos(line: start.line + last, col: endCol)
        return (TextEdit(at: at, removed: removed, inserted: text(from: at, to: endPos)), endPos)
    }

    /// Joins the graphemes either side of `seam` when they form one (e + U+0301 = é).
    static func mergeSeam(_ line: inout [Character], at seam: Int) -> Bool {
        guard seam > 0, seam < line.count else { return false }
        let joined = String(line[seam - 1]) + String(line[seam])
        guard joined.count == 1 else { return false }
        line.replaceSubrange((seam - 1)...seam, with: [Character(joined)])
        return true
    }

    /// Where the text `s` inserted at `p` ends.
    static func endOf(_ s: String, insertedAt p: TextPos) -> TextPos {
        let pieces = s.split(separator: "\n", omittingEmptySubsequences: false)
        if pieces.count == 1 { return TextPos(line: p.line, col: p.col + pieces[0].count) }
        return TextPos(line: p.line + pieces.count - 1, col: pieces.last!.count)
    }
}
