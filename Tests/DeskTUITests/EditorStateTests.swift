import XCTest

@testable import DeskTUI

final class EditorStateTests: XCTestCase {
    override func setUp() { DisplayWidth.prepareLocale() }

    private func typed(_ s: String, width: Int = 20) -> EditorState {
        var e = EditorState()
        e.resize(width: width, rows: 5)
        for c in s {
            if c == "\n" { e.newline() } else { e.insert(String(c), typing: true) }
        }
        return e
    }

    func testWrapBreaksAtSpacesAndCountsWideCharactersAsTwoColumns() {
        XCTAssertEqual(EditorWrap.rowStarts(Array("hello brave new world"), width: 10), [0, 6, 16])
        // Each 日 is two columns: five fit in ten.
        XCTAssertEqual(EditorWrap.rowStarts(Array("日本語のテキストです"), width: 10), [0, 5])
        // An emoji with a skin tone is one grapheme, two columns; a word longer than a row is cut.
        XCTAssertEqual(EditorWrap.rowStarts(Array("👍🏽👍🏽👍🏽"), width: 4), [0, 2])
        XCTAssertEqual(EditorWrap.rowStarts(Array("abcdefghijkl"), width: 5), [0, 5, 10])
    }

    func testCursorMovesByCharacterOverCombiningMarksAndWideCharacters() {
        var e = EditorState(text: "cafe\u{301} 日本")
        XCTAssertEqual(e.buffer.lines[0].count, 7, "é with a combining accent is one character")
        e.move(.lineStart)
        for _ in 0..<4 { e.move(.right) }
        XCTAssertEqual(e.cursor.col, 4)
        e.backspace()
        XCTAssertEqual(e.text, "caf 日本", "backspace removes the whole é, mark and all")
        // Typing a combining mark after its base joins it; undo takes both back out.
        var t = EditorState(text: "")
        t.insert("e", typing: true)
        t.insert("\u{301}", typing: true)
        XCTAssertEqual(t.buffer.lines[0], ["e\u{301}"])
        XCTAssertEqual(t.cursor.col, 1)
        t.undo()
        XCTAssertEqual(t.text, "")
    }

    func testUpAndDownKeepTheDisplayColumnAcrossWrappedRowsAndWideText() {
        var e = EditorState(text: "abcdef ghijkl mnopqr\n日本語テキスト")
        e.resize(width: 10, rows: 5)
        e.move(.textStart)
        for _ in 0..<4 { e.move(.right) }
        e.move(.down)
        XCTAssertEqual(e.cursor, TextPos(line: 0, col: 11), "same column on the next wrapped row")
        e.move(.down)
        XCTAssertEqual(e.cursor, TextPos(line: 0, col: 18))
        e.move(.down)
        // Column 4 on a row of two-column characters is after the second one.
        XCTAssertEqual(e.cursor, TextPos(line: 1, col: 2))
        e.move(.up)
        e.move(.up)
        e.move(.up)
        XCTAssertEqual(e.cursor, TextPos(line: 0, col: 4), "back where it started")
    }

    func testWordMotionAndDeletion() {
        var e = EditorState(text: "send the refund, today")
        e.move(.wordLeft)
        XCTAssertEqual(e.cursor.col, 17)
        e.move(.wordLeft)
        e.move(.wordLeft)
        XCTAssertEqual(e.cursor.col, 5)
        e.move(.wordRight)
        XCTAssertEqual(e.cursor.col, 8)
        e.deleteWordBack()
        XCTAssertEqual(e.text, "send  refund, today")
        e.killToLineEnd()
        XCTAssertEqual(e.text, "send ")
        e.undo()
        e.undo()
        XCTAssertEqual(e.text, "send the refund, today")
    }

    func testUndoAndRedoWholeWordsThenAnyDepth() {
        var e = typed("one two three")
        XCTAssertEqual(e.undoStack.count, 3, "one undo step per typed word")
        e.undo()
        XCTAssertEqual(e.text, "one two ")
        e.undo()
        XCTAssertEqual(e.text, "one ")
        e.redo()
        XCTAssertEqual(e.text, "one two ")
        e.insert("X", typing: true)
        e.redo()
        XCTAssertEqual(e.text, "one two X", "a new edit drops the redo history")
        var long = EditorState()
        for i in 0..<5000 { long.insert("w\(i)\n") }
        XCTAssertEqual(long.undoStack.count, 5000)
        for _ in 0..<5000 { long.undo() }
        XCTAssertEqual(long.text, "", "no practical depth limit")
        for _ in 0..<5000 { long.redo() }
        XCTAssertTrue(long.text.hasSuffix("w4999\n"))
    }

    func testEnterContinuesListsAndEndsThemOnAnEmptyItem() {
        var e = typed("- milk\neggs\n")
        XCTAssertEqual(e.text, "- milk\n- eggs\n- ")
        e.newline()
        XCTAssertEqual(e.text, "- milk\n- eggs\n", "Enter on an empty item ends the list")
        var n = typed("9. nine\nten")
        XCTAssertEqual(n.text, "9. nine\n10. ten")
        n = typed("> quoted\nmore")
        XCTAssertEqual(n.text, "> quoted\n> more")
        n = typed("  - [x] done\nnext")
        XCTAssertEqual(n.text, "  - [x] done\n  - [ ] next")
        n = typed("plain\nline")
        XCTAssertEqual(n.text, "plain\nline")
    }

    func testPasteIsOneUndoStepAndCleansLineEndsAndControls() {
        var e = typed("Hi ")
        e.paste("first\r\nsecond\u{1B}[31m\tend")
        XCTAssertEqual(e.text, "Hi first\nsecond[31m    end")
        XCTAssertEqual(e.cursor, TextPos(line: 1, col: 17))
        e.undo()
        XCTAssertEqual(e.text, "Hi ")
    }

    func testToggleBoldItalicAndCodeOnTheWordOrSelection() {
        var e = EditorState(text: "please refund now")
        e.move(.textStart)
        e.move(.wordRight)
        e.move(.wordRight)  // inside "refund" at its end
        e.toggle("**")
        XCTAssertEqual(e.text, "please **refund** now")
        e.toggle("*")
        XCTAssertEqual(e.text, "please ***refund*** now", "italic inside bold")
        e.toggle("*")
        XCTAssertEqual(e.text, "please **refund** now")
        e.toggle("**")
        XCTAssertEqual(e.text, "please refund now")
        e.move(.textStart)
        e.move(.right, extend: false)
        e.move(.textStart)
        for _ in 0..<6 { e.move(.right, extend: true) }
        e.toggle("`")
        XCTAssertEqual(e.text, "`please` refund now")
        XCTAssertNotNil(e.selection, "a selection stays selected")
        e.undo()
        XCTAssertEqual(e.text, "please refund now", "a toggle is one undo step")
        var empty = EditorState(text: "a ")
        empty.toggle("**")
        XCTAssertEqual(empty.text, "a ****")
        empty.insert("b", typing: true)
        XCTAssertEqual(empty.text, "a **b**")
    }

    func testScrollingKeepsTheCursorOnScreenInALongDraft() {
        var e = EditorState()
        e.resize(width: 20, rows: 4)
        for i in 0..<50 { e.insert("line \(i)\n") }
        XCTAssertEqual(e.top, TextPos(line: 47, col: 0), "the last four rows show the cursor on the last")
        e.move(.pageUp)
        e.move(.pageUp)
        XCTAssertEqual(e.cursor.line, 44)
        XCTAssertLessThanOrEqual(e.top.line, 44)
        e.move(.textStart)
        XCTAssertEqual(e.top, .start)
    }

    func testPlaceholdersAreReplacedEverywhereAsOneStep() {
        var e = EditorState(text: "As discussed: {{ticket.summary}}\nSummary again: {{ticket.summary}}")
        e.replaceOccurrences(of: "{{ticket.summary}}", with: "refund sent")
        XCTAssertEqual(e.text, "As discussed: refund sent\nSummary again: refund sent")
        e.undo()
        XCTAssertTrue(e.text.hasPrefix("As discussed: {{ticket.summary}}"))
    }
}
