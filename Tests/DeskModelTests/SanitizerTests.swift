import DeskModel
import XCTest

final class SanitizerTests: XCTestCase {
    func testEscapeSequencesAreShownNotInterpreted() {
        XCTAssertEqual(Sanitizer.multiline("a\u{1B}[2Jb"), "a^[[2Jb")
        XCTAssertEqual(Sanitizer.multiline("\u{1B}]0;pwned\u{07}ok"), "^[]0;pwned^Gok")
        XCTAssertEqual(Sanitizer.multiline("x\u{7F}y\u{00}z"), "x^?y^@z")
    }

    func testC1ControlsBecomeVisibleEscapes() {
        XCTAssertEqual(Sanitizer.singleLine("a\u{9B}31mb\u{85}"), "a<9B>31mb<85>")
    }

    func testBidiOverridesAndZeroWidthFormatsAreDropped() {
        XCTAssertEqual(Sanitizer.singleLine("invoice\u{202E}fdp.exe"), "invoicefdp.exe")
        XCTAssertEqual(Sanitizer.singleLine("a\u{200B}b\u{2066}c\u{2069}\u{FEFF}d\u{00AD}e"), "abcde")
        // ZWJ stays: emoji sequences need it.
        XCTAssertEqual(Sanitizer.singleLine("👩\u{200D}💻"), "👩\u{200D}💻")
    }

    func testLinesAndTabs() {
        XCTAssertEqual(Sanitizer.singleLine("Re:\tHelp\nme\r\nnow"), "Re: Help me^M now")
        XCTAssertEqual(Sanitizer.multiline("a\tb\r\nc\rd"), "a    b\nc^Md")
    }

    func testOrdinaryTextIsUnchanged() {
        let text = "Grüße aus Köln — 請求書 ✓ é (e\u{301}) 🇯🇵"
        XCTAssertEqual(Sanitizer.multiline(text), text)
    }
}
