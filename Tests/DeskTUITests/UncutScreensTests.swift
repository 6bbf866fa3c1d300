import DeskModel
import Foundation
import XCTest

@testable import DeskTUI

/// The small pieces behind issue 20's uncut screens, tested small: wrapping a styled header line,
/// choosing which header lines wrap, a board table's scroll, and names kept tellable apart.
final class UncutScreensTests: XCTestCase {
    func text(_ lines: [StyledLine]) -> [String] { lines.map { $0.map(\.text).joined() } }

    func testALineWrapsAtSpacesIndentedAndKeepsItsStyles() {
        let dim = Style(dim: true)
        let line: StyledLine = [Span("routed by rule ", dim), Span("`billing`", Style(fg: .cyan)), Span(" · tags: import, data-loss", dim)]
        let wrapped = StyledWrap.lines(line, width: 24, indent: 2)
        XCTAssertEqual(text(wrapped), ["routed by rule `billing`", "  · tags: import,", "  data-loss"])
        XCTAssertEqual(wrapped[0].last, Span("`billing`", Style(fg: .cyan)))
        XCTAssertTrue(wrapped[1].dropFirst().allSatisfy { $0.style == dim })
        for l in text(wrapped) { XCTAssertLessThanOrEqual(DisplayWidth.of(l), 24) }
        XCTAssertEqual(text(StyledWrap.lines(line, width: 80, indent: 2)), [line.map(\.text).joined()], "fits: one line")
    }

    func testALineBreaksBetweenItemsRatherThanInsideOne() {
        let facts: StyledLine = [
            Span("open · high · chat · Technical L1 (T1)"), Span(" · owner Emma Lindqvist"), Span(" · opened 2d ago"),
        ]
        XCTAssertEqual(
            text(StyledWrap.lines(facts, width: 58, indent: 2)), ["open · high · chat · Technical L1 (T1) ·", "  owner Emma Lindqvist · opened 2d ago"])
        // An item boundary that would leave the line under half full is not taken: words break.
        XCTAssertEqual(text(StyledWrap.lines([Span("a · owner Emma Lindqvist of Billing")], width: 20, indent: 2)), ["a · owner Emma", "  Lindqvist of", "  Billing"])
    }

    func testNoBreakSpacesHoldAKeyToItsNameAndShowAsSpaces() {
        let key = Style(fg: .yellow, bold: true)
        let line: StyledLine = [
            Span("suggested: "), Span("1\u{00A0}", key), Span("export-help"), Span(" · "), Span("2\u{00A0}", key),
            Span("integration-reconnect"),
        ]
        XCTAssertEqual(text(StyledWrap.lines(line, width: 32, indent: 2)), ["suggested: 1 export-help ·", "  2 integration-reconnect"])
    }

    func testAWordWiderThanTheLineIsCutIntoPieces() {
        let wrapped = text(StyledWrap.lines([Span("x " + String(repeating: "é", count: 25))], width: 10, indent: 2))
        XCTAssertEqual(wrapped.first, "x")
        for l in wrapped { XCTAssertLessThanOrEqual(DisplayWidth.of(l), 10) }
        XCTAssertEqual(wrapped.joined().filter { $0 == "é" }.count, 25, "nothing lost")
    }

    func testTheHeaderWrapsLowestRankFirstWithinItsLines() {
        func group(_ n: Int, rank: Int) -> HeaderGroup {
            HeaderGroup(
                line: [Span("g\(rank)")], wrapped: (0..<n).map { [Span("g\(rank).\($0)")] }, rank: rank)
        }
        let groups = [group(1, rank: 0), group(3, rank: 2), group(2, rank: 1)]
        XCTAssertEqual(text(HeaderGroup.fit(groups, lines: 3)), ["g0", "g2", "g1"], "no room: every line cut")
        XCTAssertEqual(text(HeaderGroup.fit(groups, lines: 4)), ["g0", "g2", "g1.0", "g1.1"], "rank 1 first")
        XCTAssertEqual(text(HeaderGroup.fit(groups, lines: 6)), ["g0", "g2.0", "g2.1", "g2.2", "g1.0", "g1.1"])
    }

    func testATableScrollsJustEnoughAndLeavesALineForMore() {
        var s = TableScroll()
        XCTAssertEqual(TableScroll.shown(count: 11, room: 4, top: 0), 3, "three rows and +8 more")
        XCTAssertEqual(TableScroll.shown(count: 11, room: 4, top: 7), 4, "the last four: no more line")
        for _ in 0..<3 { s.move(1, count: 11, room: 4) }
        XCTAssertEqual(s.selected, 3)
        XCTAssertEqual(s.top, 1)
        s.move(Int.max / 2, count: 11, room: 4)
        XCTAssertEqual(s.selected, 10)
        XCTAssertEqual(s.top, 7)
        s.move(-Int.max / 2, count: 11, room: 4)
        XCTAssertEqual(s.selected, 0)
        XCTAssertEqual(s.top, 0)
    }

    func testLongBranchNamesKeepTheirLastWord() {
        XCTAssertEqual(BoardScreen.abbreviated("Technical L1", to: 11), "Technic… L1")
        XCTAssertEqual(BoardScreen.abbreviated("Technical L2", to: 11), "Technic… L2")
        XCTAssertEqual(BoardScreen.abbreviated("Billing L1", to: 11), "Billing L1 ")
        XCTAssertEqual(BoardScreen.abbreviated("Engineering", to: 8), "Enginee…", "one word: cut at the end")
    }

    /// A status message longer than the line goes on over the hint line instead of being cut.
    func testALongStatusMessageGoesOnOverTheHintLine() {
        var s = AppState(width: 80, height: 24, agent: AgentRef(id: 1, handle: "ada", name: "Ada"), now: 0)
        s.status = StatusMessage(
            text: "Not done: ben set priority to urgent 20 s ago — here is the current value; choose again or Esc",
            isError: true)
        let lines = Screen.render(s).lines()
        XCTAssertTrue(lines[22].hasPrefix("Not done: ben set priority to urgent 20 s ago"), lines[22])
        XCTAssertTrue(lines[23].contains("choose again or Esc"), lines[23])
        s.status = StatusMessage(text: "Tagged needsfinance.", isError: false)
        XCTAssertFalse(Screen.render(s).lines()[23].contains("Tagged"), "a short message leaves the keys on the hint line")
    }
}
