import Foundation

/// What the editor derives from its text and keeps between keys: each shown line's wrapped row
/// starts and Markdown styles, and the word count. A key changes one place in the text, so the
/// next memo keeps everything else, re-wraps only from two rows before the change and restyles
/// only from the last style checkpoint before it: typing at the end of a 5,000-word paragraph
/// costs what typing in a short one does (docs/bench.md).
///
/// A memo belongs to one text: every change of the buffer makes a new one (`EditorState`
/// carries over what the change left valid), so an older copy of the state keeps the memo of its
/// own text. Filled lazily by reads (the view, cursor motion) on the console's thread; the lock
/// only makes a stray read elsewhere safe.
final class EditorLayoutMemo: @unchecked Sendable {
    let width: Int
    private let lock = NSLock()
    /// By line index; nil: not computed yet. Grown on demand up to the text's line count.
    private var starts: [[Int]?]
    private var styles: [MarkdownStyle.Styled?]
    private var words: Int?

    init(width: Int, starts: [[Int]?] = [], styles: [MarkdownStyle.Styled?] = [], words: Int? = nil) {
        self.width = width; self.starts = starts; self.styles = styles; self.words = words
    }

    /// Where each screen row of line `index` starts.
    func rowStarts(_ index: Int, _ line: [Character]) -> [Int] {
        lock.lock()
        defer { lock.unlock() }
        if index < starts.count, let s = starts[index] { return s }
        let s = EditorWrap.rowStarts(line, width: width)
        if index >= starts.count { starts += Array(repeating: nil, count: index + 1 - starts.count) }
        starts[index] = s
        return s
    }

    /// A style per grapheme of line `index`.
    func styles(_ index: Int, _ line: [Character]) -> [Style] {
        lock.lock()
        defer { lock.unlock() }
        if index < styles.count, let s = styles[index] { return s.styles }
        let s = MarkdownStyle.styled(line)
        if index >= styles.count { styles += Array(repeating: nil, count: index + 1 - styles.count) }
        styles[index] = s
        return s.styles
    }

    /// Words in the whole text (runs of non-spaces in each line).
    func wordCount(_ lines: [[Character]]) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let words { return words }
        var n = 0
        for line in lines { n += EditorLayoutMemo.wordStarts(line, after: nil) }
        words = n
        return n
    }

    /// The memo of the text after `edit`, which replaced lines `first...lastBefore` with
    /// `first...lastAfter` of `lines`: rows of untouched lines move with their line, the first
    /// edited line re-wraps from shortly before the change, lines it made are wrapped when shown.
    /// `context`: the graphemes just before and after the edit in the new text (nil at the ends;
    /// "\n" across a line break), which decide whether a word begins or ends at its edges.
    func after(
        _ edit: TextEdit, first: Int, lastBefore: Int, lastAfter: Int, lines: [[Character]],
        context: (before: Character?, after: Character?)
    ) -> EditorLayoutMemo {
        lock.lock()
        defer { lock.unlock() }
        let oldCount = lines.count - (lastAfter - lastBefore)
        /// The kept entries moved to the new lines: none for the edited ones.
        func carried<T>(_ list: [T?]) -> [T?] {
            var padded = list
            if padded.count < oldCount { padded += Array(repeating: nil, count: oldCount - padded.count) }
            var out = Array(padded[..<first])
            out += Array(repeating: nil, count: lastAfter - first + 1)
            out += padded[(lastBefore + 1)...]
            return out
        }
        var newStarts = carried(starts)
        if first < starts.count, let old = starts[first] {
            newStarts[first] = EditorWrap.rowStarts(lines[first], width: width, keeping: old, changedFrom: edit.at.col)
        }
        var newStyles = carried(styles)
        if first < styles.count, let old = styles[first] {
            newStyles[first] = MarkdownStyle.styled(lines[first], previous: (old, changedFrom: edit.at.col))
        }
        var newWords: Int?
        if let words {
            let tail = context.after.map { [$0] } ?? []
            newWords =
                words + Self.wordStarts(Array(edit.inserted) + tail, after: context.before)
                - Self.wordStarts(Array(edit.removed) + tail, after: context.before)
        }
        return EditorLayoutMemo(width: width, starts: newStarts, styles: newStyles, words: newWords)
    }

    /// Graphemes of `text` that begin a word: not a space (nor a line break), and after a space,
    /// a line break or the start of the text (`before` nil).
    static func wordStarts<C: Collection>(_ text: C, after before: Character?) -> Int where C.Element == Character {
        var n = 0
        var previousSeparates = before == nil || before == " " || before == "\n"
        for c in text {
            let separates = c == " " || c == "\n"
            if !separates && previousSeparates { n += 1 }
            previousSeparates = separates
        }
        return n
    }
}
