/// The multi-line editor's state: text, cursor, selection, history and scroll. A value the
/// reducer changes; `EditorView` draws it. Used for replies, notes, templates and the
/// escalation composer's longer fields.
public struct EditorState: Sendable, Equatable {
    public internal(set) var buffer: TextBuffer {
        // Any change of the text not made through `replaceText` starts a fresh memo.
        didSet { memo = MemoBox(EditorLayoutMemo(width: wrapWidth)) }
    }
    public internal(set) var cursor = TextPos.start
    /// The other end of the selection, when one is being made (Shift with a move).
    public internal(set) var anchor: TextPos?
    /// The display column up/down aim for, kept across short lines.
    var goalX: Int?
    var undoStack: [[TextEdit]] = []
    var redoStack: [[TextEdit]] = []
    /// Typing a word coalesces into one undo step; a space, a move or any other edit ends it.
    var typingRun = false
    /// The first screen row shown: a line and a wrapped row within it.
    public internal(set) var top = TextPos.start
    /// Columns text wraps at and rows shown (set from the layout).
    public internal(set) var wrapWidth = 60
    public internal(set) var visibleRows = 8
    /// Wrapped rows, styles and the word count of this text (see `EditorLayoutMemo`).
    var memo = MemoBox(EditorLayoutMemo(width: 60))

    /// Derived from the text, so not part of what makes two states equal.
    struct MemoBox: Sendable, Equatable {
        let memo: EditorLayoutMemo
        init(_ memo: EditorLayoutMemo) { self.memo = memo }
        static func == (a: MemoBox, b: MemoBox) -> Bool { true }
    }

    public init(text: String = "") {
        buffer = TextBuffer(text)
        cursor = buffer.end
    }

    public var text: String { buffer.text }
    public var isEmpty: Bool { buffer.isEmpty }
    public var canUndo: Bool { !undoStack.isEmpty }
    /// Words in the text (runs of non-spaces), kept up to date key by key.
    public var wordCount: Int { memo.memo.wordCount(buffer.lines) }

    /// Where each screen row of line `line` starts, at the wrap width.
    func rowStarts(_ line: Int) -> [Int] { memo.memo.rowStarts(line, buffer.lines[line]) }

    /// The Markdown style of each grapheme of line `line`.
    func styles(_ line: Int) -> [Style] { memo.memo.styles(line, buffer.lines[line]) }

    /// The selected range in order, when something is selected.
    public var selection: (TextPos, TextPos)? {
        guard let anchor, anchor != cursor else { return nil }
        return anchor < cursor ? (anchor, cursor) : (cursor, anchor)
    }

    public mutating func resize(width: Int, rows: Int) {
        if max(4, width) != wrapWidth { memo = MemoBox(EditorLayoutMemo(width: max(4, width), words: nil)) }
        wrapWidth = max(4, width)
        visibleRows = max(1, rows)
        top = TextPos(line: min(top.line, buffer.lines.count - 1), col: 0)
        scrollIntoView()
    }

    // MARK: - Editing

    /// Replaces the selection (or inserts at the cursor). `typing`: one typed character, which
    /// joins the current undo step until a space or newline ends the word.
    public mutating func insert(_ s: String, typing: Bool = false) {
        let (a, b) = selection ?? (cursor, cursor)
        apply(a, b, s, coalesce: typing)
        if typing && s.allSatisfy({ $0 == " " || $0 == "\n" }) { typingRun = false }
    }

    /// A bracketed paste: one undo step, line endings made `\n`, other control characters dropped.
    public mutating func paste(_ raw: String) {
        var s = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        s = s.replacingOccurrences(of: "\t", with: "    ")
        s.unicodeScalars.removeAll { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F || (0x80...0x9F).contains($0.value) }
        insert(s)
        typingRun = false
    }

    /// Enter: a new line that continues a list or quote; on an empty item it ends the list instead.
    public mutating func newline() {
        if selection == nil, let prefix = ListPrefix.parse(buffer.lines[cursor.line]), cursor.col >= prefix.length {
            if buffer.lines[cursor.line].count == prefix.length {
                apply(TextPos(line: cursor.line, col: 0), TextPos(line: cursor.line, col: prefix.length), "", coalesce: false)
                return
            }
            insert("\n" + prefix.next)
            typingRun = false
            return
        }
        insert("\n", typing: true)
    }

    public mutating func backspace() {
        if let (a, b) = selection { return apply(a, b, "", coalesce: false) }
        guard cursor != .start else { return }
        apply(position(before: cursor), cursor, "", coalesce: false)
    }

    public mutating func deleteForward() {
        if let (a, b) = selection { return apply(a, b, "", coalesce: false) }
        guard cursor != buffer.end else { return }
        apply(cursor, position(after: cursor), "", coalesce: false)
    }

    /// Ctrl-W: the word before the cursor (and the spaces after it).
    public mutating func deleteWordBack() {
        if let (a, b) = selection { return apply(a, b, "", coalesce: false) }
        apply(wordLeft(from: cursor), cursor, "", coalesce: false)
    }

    /// Ctrl-K: to the end of the line; at its end, joins the next line.
    public mutating func killToLineEnd() {
        let lineEnd = TextPos(line: cursor.line, col: buffer.lines[cursor.line].count)
        apply(cursor, cursor == lineEnd ? position(after: cursor) : lineEnd, "", coalesce: false)
    }

    /// Replaces the whole text (a template that replaces the draft, the external editor's result), undoable.
    public mutating func replaceAll(with s: String) {
        apply(.start, buffer.end, s, coalesce: false)
    }

    /// Replaces every occurrence of `target` (a placeholder being filled), as one undo step.
    public mutating func replaceOccurrences(of target: String, with value: String) {
        var group: [TextEdit] = []
        var line = 0
        let needle = Array(target)
        while line < buffer.lines.count {
            if let col = Self.find(needle, in: buffer.lines[line]) {
                let (edit, end) = replaceText(
                    TextPos(line: line, col: col), TextPos(line: line, col: col + needle.count), with: value)
                group.append(edit)
                cursor = end
                line = end.line
                continue
            }
            line += 1
        }
        guard !group.isEmpty else { return }
        undoStack.append(group)
        redoStack.removeAll()
        endChange()
    }

    static func find(_ needle: [Character], in line: [Character]) -> Int? {
        guard !needle.isEmpty, line.count >= needle.count else { return nil }
        for i in 0...(line.count - needle.count) where line[i] == needle[0] {
            if Array(line[i..<(i + needle.count)]) == needle { return i }
        }
        return nil
    }

    public mutating func undo() {
        guard let group = undoStack.popLast() else { return }
        for edit in group.reversed() {
            let end = TextBuffer.endOf(edit.inserted, insertedAt: edit.at)
            cursor = replaceText(edit.at, end, with: edit.removed).end
        }
        redoStack.append(group)
        endChange()
    }

    public mutating func redo() {
        guard let group = redoStack.popLast() else { return }
        for edit in group {
            let end = TextBuffer.endOf(edit.removed, insertedAt: edit.at)
            cursor = replaceText(edit.at, end, with: edit.inserted).end
        }
        undoStack.append(group)
        endChange()
    }

    /// Every change goes through here: one place that records history and keeps the view right.
    mutating func apply(_ a: TextPos, _ b: TextPos, _ s: String, coalesce: Bool) {
        let (edit, end) = replaceText(a, b, with: s)
        if coalesce && typingRun, !undoStack.isEmpty {
            undoStack[undoStack.count - 1].append(edit)
        } else {
            undoStack.append([edit])
        }
        redoStack.removeAll()
        cursor = end
        endChange()
        typingRun = coalesce
    }

    /// `TextBuffer.replace`, carrying the memo over: only the edited lines are wrapped again, and
    /// the word count changes by the words the edit made or removed.
    @discardableResult
    mutating func replaceText(_ a: TextPos, _ b: TextPos, with s: String) -> (edit: TextEdit, end: TextPos) {
        let old = memo.memo
        let lastBefore = max(buffer.clamp(a).line, buffer.clamp(b).line)
        let (edit, end) = buffer.replace(a, b, with: s)  // resets the memo (didSet)
        let before: Character? =
            edit.at.col > 0 ? buffer.lines[edit.at.line][edit.at.col - 1] : edit.at.line > 0 ? "\n" : nil
        let after: Character? =
            end.col < buffer.lines[end.line].count
            ? buffer.lines[end.line][end.col] : end.line + 1 < buffer.lines.count ? "\n" : nil
        if old.width == wrapWidth {
            memo = MemoBox(
                old.after(
                    edit, first: edit.at.line, lastBefore: lastBefore, lastAfter: end.line, lines: buffer.lines,
                    context: (before, after)))
        }
        return (edit, end)
    }

    private mutating func endChange() {
        anchor = nil
        goalX = nil
        typingRun = false
        cursor = buffer.clamp(cursor)
        scrollIntoView()
    }

    // MARK: - Positions

    func position(before p: TextPos) -> TextPos {
        if p.col > 0 { return TextPos(line: p.line, col: p.col - 1) }
        return p.line > 0 ? TextPos(line: p.line - 1, col: buffer.lines[p.line - 1].count) : p
    }

    func position(after p: TextPos) -> TextPos {
        if p.col < buffer.lines[p.line].count { return TextPos(line: p.line, col: p.col + 1) }
        return p.line + 1 < buffer.lines.count ? TextPos(line: p.line + 1, col: 0) : p
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "'" }

    func wordLeft(from p: TextPos) -> TextPos {
        if p.col == 0 { return position(before: p) }
        let line = buffer.lines[p.line]
        var i = p.col
        while i > 0 && !Self.isWordCharacter(line[i - 1]) { i -= 1 }
        while i > 0 && Self.isWordCharacter(line[i - 1]) { i -= 1 }
        return TextPos(line: p.line, col: i)
    }

    func wordRight(from p: TextPos) -> TextPos {
        let line = buffer.lines[p.line]
        if p.col == line.count { return position(after: p) }
        var i = p.col
        while i < line.count && !Self.isWordCharacter(line[i]) { i += 1 }
        while i < line.count && Self.isWordCharacter(line[i]) { i += 1 }
        return TextPos(line: p.line, col: i)
    }

    /// The word the cursor is in or just after.
    func wordRange(at p: TextPos) -> (TextPos, TextPos)? {
        let line = buffer.lines[p.line]
        var s = p.col
        var e = p.col
        while s > 0 && Self.isWordCharacter(line[s - 1]) { s -= 1 }
        while e < line.count && Self.isWordCharacter(line[e]) { e += 1 }
        return s == e ? nil : (TextPos(line: p.line, col: s), TextPos(line: p.line, col: e))
    }
}
