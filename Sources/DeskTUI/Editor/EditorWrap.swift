/// Soft wrap of one editor line by display width, as the grapheme index each screen row starts at.
/// Breaks after the last space that fits, mid-word only when a word is wider than the row; the
/// spaces stay on the row they end (so every grapheme, and the cursor, has exactly one place).
enum EditorWrap {
    /// `through`: stop once a row starts after this index (the rows up to a cursor and its row's end).
    static func rowStarts(_ line: [Character], width: Int, through: Int = Int.max) -> [Int] {
        let width = max(1, width)
        var starts = [0]
        var x = 0
        var afterSpace: Int?  // index just after the last space on this row
        var i = 0
        while i < line.count && starts[starts.count - 1] <= through {
            let c = line[i]
            let w = DisplayWidth.of(c)
            if x + w > width && c != " " {
                let rowStart = starts[starts.count - 1]
                let breakAt = afterSpace.flatMap { $0 > rowStart ? $0 : nil } ?? i
                starts.append(breakAt == rowStart ? i : breakAt)
                x = 0
                afterSpace = nil
                for j in starts[starts.count - 1]..<i { x += DisplayWidth.of(line[j]) }
            }
            x += w
            if c == " " { afterSpace = i + 1 }
            i += 1
        }
        return starts
    }

    /// Display columns from `from` to `to` on a line.
    static func width(_ line: [Character], from: Int, to: Int) -> Int {
        var x = 0
        for j in from..<min(to, line.count) { x += DisplayWidth.of(line[j]) }
        return x
    }

    /// The grapheme index on the row [from, to) nearest to display column `x` (at or before it).
    static func column(_ line: [Character], from: Int, to: Int, x target: Int) -> Int {
        var x = 0
        var j = from
        while j < to {
            let w = DisplayWidth.of(line[j])
            if x + w > target { break }
            x += w
            j += 1
        }
        return j
    }
}
