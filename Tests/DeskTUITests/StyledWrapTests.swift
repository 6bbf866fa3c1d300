import XCTest

@testable import DeskTUI

/// Wrapping styled text for rows that must never be cut: words keep their styles, breaks drop
/// their spaces, a word longer than the line is split between graphemes, wide characters count two.
final class StyledWrapTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    let cyan = Style(fg: .cyan)

    func text(_ lines: [StyledLine]) -> [String] { lines.map { $0.map(\.text).joined() } }

    func testWordsWrapAndKeepTheirStyles() {
        let lines = StyledWrap.lines([Span("Customer is VIP "), Span("[field customer.tier]", cyan)], width: 16)
        XCTAssertEqual(text(lines), ["Customer is VIP", "[field", "customer.tier]"])
        XCTAssertEqual(lines[0].map(\.style), [.plain], "the space at the break is dropped")
        XCTAssertEqual(lines[1].map(\.style), [cyan])
        XCTAssertEqual(lines[2].map(\.style), [cyan])
    }

    func testALongWordIsSplitAndWideCharactersCountTwo() {
        XCTAssertEqual(text(StyledWrap.lines([Span("abcdefghij")], width: 4)), ["abcd", "efgh", "ij"])
        XCTAssertEqual(text(StyledWrap.lines([Span("請求書 の二重請求")], width: 6)), ["請求書", "の二重", "請求"])
        for line in StyledWrap.lines([Span("請求書の二重請求について")], width: 5) {
            XCTAssertLessThanOrEqual(DisplayWidth.of(line.map(\.text).joined()), 5)
        }
    }

    func testNothingIsLost() {
        let words = (0..<40).map { "w\($0)" }
        let lines = StyledWrap.lines([Span(words.joined(separator: " "))], width: 13)
        XCTAssertEqual(text(lines).joined(separator: " ").split(separator: " ").map(String.init), words)
        for l in text(lines) { XCTAssertLessThanOrEqual(l.count, 13) }
    }
}
