/// Soft wrap of one editor line by display width, as the grapheme index each screen row starts at.
/// Breaks after the last space that fits, mid-word only when a word is wider than the row; the
/// spaces stay on the row they end (so every grapheme, and the cursor, has exactly one place).
/// Where a row ends depends only on where it starts (the graphemes a break moves to the next row
/// are never spaces), so wrapping can resume at any row start.
enum EditorWrap {
    /// `through`: stop once a row starts after this index (the rows up to a cursor and its row's end).
    static func rowStarts(_ line: [Character], width: Int, through: Int = Int.max) -> [Int] {
        rowStarts(line, width: width, resuming: [0], through: through)
    }

    /// The rows of a line that was wrapped as `old` before a change from grapheme `changedFrom` on:
    /// rows ending well before the change stay; wrapping resumes two rows before the row the change
    /// is in (a change at the start of a row can pull its first word back onto the row before).
    static func rowStarts(_ line: [Character], width: Int, keeping old: [Int], changedFrom col: Int) -> [Int] {
        var k = 0
        while k + 1 < old.count && old[k + 1] <= col { k += 1 }
        let keep = max(0, k - 2)
        return rowStarts(line, width: width, resuming: Array(old[...keep]), through: Int.max)
    }

    /// Wraps on from the last of `starts` (a row start), appending the rows that follow.
    private static func rowStarts(_ line: [Character], width: Int, resuming prefix: [Int], through: Int) -> [Int] {
        let width = max(1, width)
        var starts = prefix
        var x = 0
        var afterSpace: Int?  // index just after the last space on this row
        var i = starts[starts.count - 1]
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
