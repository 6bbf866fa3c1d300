import DeskTUI
import XCTest

final class BufferTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    func testWidthsOfCJKEmojiAndCombiningMarks() {
        XCTAssertEqual(DisplayWidth.of("a"), 1)
        XCTAssertEqual(DisplayWidth.of("請"), 2)
        XCTAssertEqual(DisplayWidth.of("😀"), 2)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("👩\u{200D}💻"), 2)
        XCTAssertEqual(DisplayWidth.of("請求書 ok"), 9)
    }

    func testWideCharactersTakeTwoCellsAndAreNeverSplit() {
        var b = Buffer(width: 5, height: 1)
        let end = b.put("a請求", x: 0, y: 0)
        XCTAssertEqual(end, 5)
        XCTAssertEqual(b.lines(), ["a請求"])
        var c = Buffer(width: 4, height: 1)
        c.put("a請求", x: 0, y: 0)
        XCTAssertEqual(c.lines(), ["a請 "], "the second wide char does not fit in one column: padded, not split")
    }

    func testControlCharactersNeverReachACell() {
        var b = Buffer(width: 10, height: 1)
        b.put("a\u{1B}[2Jb", x: 0, y: 0)
        XCTAssertEqual(b.lines(), ["a?[2Jb    "])
    }

    func testOverwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("請求", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        XCTAssertEqual(b.lines(), [" x求"])
    }

    func testDiffReportsOnlyChangedCells() {
        var a = Buffer(width: 6, height: 2)
        a.put("hello", x: 0, y: 0)
        var b = a
        b.put("J", x: 0, y: 1)
        XCTAssertEqual(b.diff(from: a).map { [$0.x, $0.y] }, [[0, 1]])
        XCTAssertEqual(b.diff(from: nil).count, 12)
    }

    func testWrapByDisplayWidth() {
        XCTAssertEqual(TextWrap.lines("the quick brown fox", width: 9), ["the quick", "brown fox"])
        XCTAssertEqual(TextWrap.lines("請求書請求書", width: 5), ["請求", "書請", "求書"])
        XCTAssertEqual(TextWrap.lines("a\n\nb", width: 5), ["a", "", "b"])
        XCTAssertEqual(TextWrap.lines("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
    }
}
