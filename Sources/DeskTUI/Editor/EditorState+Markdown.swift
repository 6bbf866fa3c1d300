/// Markdown editing helpers: toggling emphasis markers and continuing lists.
extension EditorState {
    /// Wraps the selection, or the word at the cursor, in `marker` (`**`, `*`, `` ` ``); removes
    /// the markers when they are already there. With neither, inserts a pair and types inside it.
    public mutating func toggle(_ marker: String) {
        let hadSelection = selection != nil
        guard let (s, e) = selection ?? wordRange(at: cursor) else {
            apply(cursor, cursor, marker + marker, coalesce: false)
            cursor = TextPos(line: cursor.line, col: cursor.col - marker.count)
            return
        }
        let m = Array(marker)
        let startLine = buffer.lines[s.line]
        let endLine = buffer.lines[e.line]
        let runBefore = Self.run(of: m[0], in: startLine, endingAt: s.col)
        let runAfter = Self.run(of: m[0], in: endLine, startingAt: e.col)
        // `*` inside `**…**` is bold, not italic: a marker of one is present only on a run of 1 or 3.
        let present = marker == "*" ? runBefore % 2 == 1 && runAfter % 2 == 1 : runBefore >= m.count && runAfter >= m.count
        var group: [TextEdit] = []
        if present {
            group.append(replaceText(e, TextPos(line: e.line, col: e.col + m.count), with: "").edit)
            group.append(replaceText(TextPos(line: s.line, col: s.col - m.count), s, with: "").edit)
            let shift = s.line == e.line ? m.count : 0
            anchor = TextPos(line: s.line, col: s.col - m.count)
            cursor = TextPos(line: e.line, col: e.col - shift)
        } else {
            group.append(replaceText(e, e, with: marker).edit)
            group.append(replaceText(s, s, with: marker).edit)
            let shift = s.line == e.line ? m.count : 0
            anchor = TextPos(line: s.line, col: s.col + m.count)
            cursor = TextPos(line: e.line, col: e.col + shift)
        }
        undoStack.append(group)
        redoStack.removeAll()
        typingRun = false
        goalX = nil
        // A selection stays selected (inside its markers); a word just gets them.
        if !hadSelection { anchor = nil }
        scrollIntoView()
    }

    static func run(of c: Character, in line: [Character], endingAt col: Int) -> Int {
        var n = 0
        while col - n - 1 >= 0 && line[col - n - 1] == c { n += 1 }
        return n
    }

    static func run(of c: Character, in line: [Character], startingAt col: Int) -> Int {
        var n = 0
        while col + n < line.count && line[col + n] == c { n += 1 }
        return n
    }
}

/// A list item's or quote's leading marker, and what the next line starts with.
struct ListPrefix: Equatable {
    var length: Int
    var next: String

    static func parse(_ line: [Character]) -> ListPrefix? {
        var i = 0
        while i < line.count && line[i] == " " { i += 1 }
        let indent = String(repeating: " ", count: i)
        guard i < line.count else { return nil }
        var marker: String
        if "-*+>".contains(line[i]), i + 1 < line.count, line[i + 1] == " " {
            marker = String(line[i]) + " "
            i += 2
        } else {
            var digits = ""
            while i < line.count, line[i].isASCII, line[i].isNumber {
                digits.append(line[i])
                i += 1
            }
            guard !digits.isEmpty, digits.count <= 9, i + 1 < line.count, line[i] == "." || line[i] == ")",
                line[i + 1] == " ", let n = Int(digits)
            else { return nil }
            marker = "\(n + 1)\(line[i]) "
            i += 2
        }
        // A task item continues as an unticked task.
        if i + 4 <= line.count, line[i] == "[", line[i + 2] == "]", line[i + 3] == " " {
            marker += "[ ] "
            i += 4
        }
        return ListPrefix(length: i, next: indent + marker)
    }

    /// The text with each line's list or quote marker taken off (a list shown for editing, kept as lines).
    static func strip(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let chars = Array(line)
            guard let p = parse(chars) else { return String(line) }
            return String(chars[p.length...])
        }.joined(separator: "\n")
    }
}
