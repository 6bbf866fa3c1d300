import DeskModel
import XCTest

@testable import DeskTUI

/// The editor keeps each line's wrapped rows, styles and the word count between keys and redoes
/// only what an edit touched (`EditorLayoutMemo`). After every edit of a long random session the
/// kept values equal wrapping, styling and counting the text from scratch.
final class EditorLayoutMemoTests: XCTestCase {
    override func setUp() { DisplayWidth.prepareLocale() }

    func testKeptRowsStylesAndWordsMatchAFreshComputationThroughRandomEdits() {
        var random = SeededRandom(seed: 20)
        let pieces = [
            "a", "b", " ", " ", "word ", "日本", "e\u{301}", "\u{301}", "**", "`", "_", "\n", "- item\n", "> quote", "{{name}}",
            "[link](u) ", "👍🏽", "longerwordthanarowisallowedtobe",
        ]
        var e = EditorState(text: (0..<300).map { ["refund", "the", "日本語", "**bold**", "café"][$0 % 5] }.joined(separator: " "))
        e.resize(width: 23, rows: 6)
        func check(_ step: Int, _ what: String) {
            for i in e.buffer.lines.indices {
                let line = e.buffer.lines[i]
                XCTAssertEqual(e.rowStarts(i), EditorWrap.rowStarts(line, width: e.wrapWidth), "rows of line \(i), step \(step): \(what)")
                XCTAssertEqual(e.styles(i), MarkdownStyle.styles(line), "styles of line \(i), step \(step): \(what)")
            }
            let words = e.buffer.lines.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " }).count }
            XCTAssertEqual(e.wordCount, words, "words, step \(step): \(what)")
        }
        check(0, "start")
        for step in 1...600 {
            let lines = e.buffer.lines
            let line = Int(random.next() % UInt64(lines.count))
            let col = Int(random.next() % UInt64(lines[line].count + 1))
            e.cursor = TextPos(line: line, col: col)
            e.anchor = nil
            let what: String
            switch random.next() % 10 {
            case 0: e.backspace(); what = "backspace at \(line):\(col)"
            case 1: e.deleteForward(); what = "delete at \(line):\(col)"
            case 2: e.newline(); what = "newline at \(line):\(col)"
            case 3: e.undo(); what = "undo"
            case 4: e.redo(); what = "redo"
            case 5: e.deleteWordBack(); what = "delete word at \(line):\(col)"
            case 6:
                e.anchor = TextPos(line: 0, col: 0)
                e.cursor = TextPos(line: min(lines.count - 1, line + 1), col: 0)
                e.insert(pieces[Int(random.next() % UInt64(pieces.count))])
                what = "replace a selection"
            case 7: e.toggle("**"); what = "bold at \(line):\(col)"
            default:
                let p = pieces[Int(random.next() % UInt64(pieces.count))]
                e.insert(p, typing: p.count == 1)
                what = "insert \(p.debugDescription) at \(line):\(col)"
            }
            check(step, what)
            if e.buffer.lines.joined().count > 6_000 { e.replaceAll(with: "short again") }
        }
        // A new width wraps afresh.
        e.resize(width: 31, rows: 6)
        check(601, "resize")
    }

    /// Typing at the end of a 5,000-word paragraph re-wraps a few rows, not the paragraph.
    func testTypingAtTheEndOfALongParagraphRewrapsOnlyItsLastRows() {
        var e = EditorState(text: (0..<5_000).map { ["refund", "invoice", "日本語", "sync"][$0 % 4] }.joined(separator: " "))
        e.resize(width: 60, rows: 8)
        let before = e.rowStarts(0)
        e.insert("x", typing: true)
        let after = e.rowStarts(0)
        XCTAssertEqual(Array(after.prefix(before.count - 3)), Array(before.prefix(before.count - 3)))
        XCTAssertEqual(after, EditorWrap.rowStarts(e.buffer.lines[0], width: 60))
    }
}
