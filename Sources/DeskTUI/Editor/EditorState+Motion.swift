/// Cursor motion: by character, word, line, wrapped screen row and page; Shift extends a selection.
public enum EditorMotion: Sendable, Equatable {
    case left, right, wordLeft, wordRight, lineStart, lineEnd, up, down, pageUp, pageDown, textStart, textEnd
}

extension EditorState {
    public mutating func move(_ motion: EditorMotion, extend: Bool = false) {
        if extend {
            if anchor == nil { anchor = cursor }
        } else if let (a, b) = selection, motion == .left || motion == .right {
            // Without Shift, an arrow collapses a selection to its side, as editors do.
            cursor = motion == .left ? a : b
            anchor = nil
            goalX = nil
            scrollIntoView()
            return
        } else {
            anchor = nil
        }
        typingRun = false
        let vertical: Set<EditorMotion> = [.up, .down, .pageUp, .pageDown]
        if !vertical.contains(motion) { goalX = nil }
        switch motion {
        case .left: cursor = position(before: cursor)
        case .right: cursor = position(after: cursor)
        case .wordLeft: cursor = wordLeft(from: cursor)
        case .wordRight: cursor = wordRight(from: cursor)
        case .lineStart: cursor = TextPos(line: cursor.line, col: 0)
        case .lineEnd: cursor = TextPos(line: cursor.line, col: buffer.lines[cursor.line].count)
        case .up: moveRows(-1)
        case .down: moveRows(1)
        case .pageUp: moveRows(-max(1, visibleRows - 1))
        case .pageDown: moveRows(max(1, visibleRows - 1))
        case .textStart: cursor = .start
        case .textEnd: cursor = buffer.end
        }
        scrollIntoView()
    }

    // MARK: - Screen rows

    /// The wrapped row of `p` within its line: its index and the grapheme range it covers.
    func rowBounds(of p: TextPos) -> (row: Int, start: Int, end: Int) {
        let line = buffer.lines[p.line]
        let starts = rowStarts(p.line)
        var r = starts.count - 1
        // A cursor exactly at a row's start belongs to that row, not the end of the one before.
        while r > 0 && starts[r] > p.col { r -= 1 }
        return (r, starts[r], r + 1 < starts.count ? starts[r + 1] : line.count)
    }

    /// Moves the cursor `n` screen rows, aiming at the same display column.
    /// Puts the cursor at the end of a line (clamped to the text), nothing selected.
    public mutating func placeCursor(atEndOfLine line: Int) {
        let l = max(0, min(line, buffer.lines.count - 1))
        cursor = TextPos(line: l, col: buffer.lines[l].count)
        anchor = nil
        goalX = nil
        typingRun = false
        scrollIntoView()
    }

    mutating func moveRows(_ n: Int) {
        let here = rowBounds(of: cursor)
        let x = goalX ?? EditorWrap.width(buffer.lines[cursor.line], from: here.start, to: cursor.col)
        goalX = x
        var row = (line: cursor.line, row: here.row)
        for _ in 0..<abs(n) {
            guard let next = n > 0 ? self.row(after: row) : self.row(before: row) else {
                cursor = n > 0 ? buffer.end : .start
                return
            }
            row = next
        }
        let line = buffer.lines[row.line]
        let starts = rowStarts(row.line)
        let start = starts[row.row]
        let end = row.row + 1 < starts.count ? starts[row.row + 1] : line.count
        var col = EditorWrap.column(line, from: start, to: end, x: x)
        // On a wrapped row, the last column belongs to the next row: stay before it.
        if row.row + 1 < starts.count && col == end && end > start { col = end - 1 }
        cursor = TextPos(line: row.line, col: col)
    }

    func rowCount(_ line: Int) -> Int { rowStarts(line).count }

    func row(after r: (line: Int, row: Int)) -> (line: Int, row: Int)? {
        if r.row + 1 < rowCount(r.line) { return (r.line, r.row + 1) }
        return r.line + 1 < buffer.lines.count ? (r.line + 1, 0) : nil
    }

    func row(before r: (line: Int, row: Int)) -> (line: Int, row: Int)? {
        if r.row > 0 { return (r.line, r.row - 1) }
        return r.line > 0 ? (r.line - 1, rowCount(r.line - 1) - 1) : nil
    }

    /// Scrolls the least that shows the cursor's row. Only the lines between the top and the
    /// cursor are wrapped (once each, then kept), so this costs the visible part, not the whole draft.
    mutating func scrollIntoView() {
        let c = (line: cursor.line, row: rowBounds(of: cursor).row)
        if (c.line, c.row) < (top.line, top.col) {
            top = TextPos(line: c.line, col: c.row)
            return
        }
        // Count rows from the top down to the cursor, stopping once a screen is exceeded.
        var r = (line: top.line, row: top.col)
        var count = 0
        while (r.line, r.row) < (c.line, c.row) && count < visibleRows {
            guard let next = row(after: r) else { break }
            r = next
            count += 1
        }
        guard count >= visibleRows else { return }
        var t = c
        for _ in 0..<(visibleRows - 1) {
            guard let prev = row(before: t) else { break }
            t = prev
        }
        top = TextPos(line: t.line, col: t.row)
    }
}
