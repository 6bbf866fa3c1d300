import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The escalation panel as the receiver's package reader: every part there, wrapped, scrolled
/// with the usual keys; `]` / `[` select a cited message and Enter shows it in the history.
final class PackageReaderTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    func opened(width: Int = 80, height: Int = 24) throws -> AppState {
        let f = try HandoffFixture()
        let grace = try f.desk.agent(handle: "grace")
        var s = AppState(
            width: width, height: height, agent: AgentRef(id: grace.id!, handle: "grace", name: grace.name),
            now: HandoffFixture.now.dbSeconds, escalation: f.desk.policy.escalation)
        _ = Reducer.reduce(&s, .ticketLoaded(try f.desk.ticketDetail(id: f.ticketId)))
        s.focus = .ticket
        _ = Reducer.reduce(&s, .key(.char("E")))
        XCTAssertTrue(s.ticket.showEscalation)
        return s
    }

    func text(_ s: AppState) -> String { Screen.render(s).lines().joined(separator: "\n") }

    func testTheWholePackageIsThereWrappedNeverCut() throws {
        var s = try opened()
        XCTAssertTrue(text(s).contains("── Escalation ↓ more ·"), "more below, said where a narrow pane does not cut it")
        // Scroll through it all a line at a time; each screen's pane, its wrapped lines joined, is
        // where a part must be read whole (every pair of adjacent lines is on some screen).
        var screens: [String] = []
        var seen = ""
        for _ in 0..<120 {
            let shown = text(s)
            seen += shown
            screens.append(
                shown.split(separator: "\n").compactMap { $0.split(separator: "│", maxSplits: 1).dropFirst().first }
                    .joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " "))
            _ = Reducer.reduce(&s, .key(.char("j")))
        }
        for part in [
            "Request", "Escalation #1: requested", "Requested by chloe (Technical L1)", "Summary", "Hank Scorpio (vip, Globex",
            "[#1]", "[#5]", "Reproduction steps", "1. Export a workspace with more than 50k records", "Severity",
            "sev2 by rubric row `key-account-degraded`", "Impact: team", "Workaround: yes — run a manual export",
            "Next owners and actions", "Technical L2: Confirm the sync timeout", "mia: Update the customer by end of day",
            "Missing information", "Customer update (sent as a public reply)", "We have reproduced the issue",
        ] {
            XCTAssertTrue(screens.contains { $0.contains(part) }, "\(part) never shown")
        }
        // Nothing cut: no panel line runs into the pane's edge with a cut word marker.
        XCTAssertFalse(seen.contains("…│"))
        // G reaches the end (the update's signature), g the top.
        _ = Reducer.reduce(&s, .key(.char("G")))
        XCTAssertTrue(text(s).contains("Chloé Martin"), text(s))
        XCTAssertFalse(text(s).contains("↓ more"))
        XCTAssertTrue(text(s).contains("── Escalation ↑ more ·"))
        _ = Reducer.reduce(&s, .key(.char("g")))
        XCTAssertEqual(s.ticket.escalationScroll, 0)
        XCTAssertTrue(text(s).contains("Escalation package · #1"), "the package leads the panel")
        _ = Reducer.reduce(&s, .key(.pageDown))
        XCTAssertGreaterThan(s.ticket.escalationScroll, 5)
    }

    func testACitationIsSelectedAndFollowedToItsMessage() throws {
        var s = try opened()
        _ = Reducer.reduce(&s, .key(.char("]")))
        XCTAssertEqual(s.ticket.citation, 1)
        XCTAssertEqual(s.status?.text, "[#1] selected (1 of 4 cited) · Enter shows it in the history")
        _ = Reducer.reduce(&s, .key(.char("]")))
        XCTAssertEqual(s.ticket.citation, 5)
        _ = Reducer.reduce(&s, .key(.char("[")))
        _ = Reducer.reduce(&s, .key(.char("[")))
        XCTAssertEqual(s.ticket.citation, 4, "wraps round to the last cited")
        // The selected citation is scrolled into view and drawn highlighted.
        let buf = Screen.render(s)
        let lines = buf.lines()
        let row = try XCTUnwrap(
            lines.firstIndex { $0.contains("[#4]") }, "\(s.ticket.escalationScroll)\n" + lines.joined(separator: "\n"))
        let at = try XCTUnwrap(lines[row].range(of: "[#4]")).lowerBound
        XCTAssertTrue(buf.style(x: DisplayWidth.of(String(lines[row][..<at])), y: row).reverse)
        // The claim citing [#3] [#4]: its [#3] stays plain.
        let other = try XCTUnwrap(lines.firstIndex { $0.contains("[#3]") })
        let at1 = try XCTUnwrap(lines[other].range(of: "[#3]")).lowerBound
        XCTAssertFalse(buf.style(x: DisplayWidth.of(String(lines[other][..<at1])), y: other).reverse, "only the selected one")

        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertFalse(s.ticket.showEscalation, "the history comes back")
        XCTAssertEqual(s.ticket.markedMessage, 4)
        let screen = Screen.render(s)
        let shown = screen.lines()
        let top = try XCTUnwrap(shown.firstIndex { $0.contains("── History") })
        XCTAssertTrue(shown[top + 1].contains("✎ #4 Chloé Martin"), shown.joined(separator: "\n"))
        XCTAssertTrue(screen.style(x: screen.width - 3, y: top + 1).reverse, "the message's header is marked")
        XCTAssertFalse(screen.style(x: screen.width - 3, y: top + 2).reverse, "only the header")
        XCTAssertEqual(s.status?.text, "message #4, cited in the package · E back to the package")
        // E goes back to the package where it was.
        _ = Reducer.reduce(&s, .key(.char("E")))
        XCTAssertTrue(s.ticket.showEscalation)
        XCTAssertEqual(s.ticket.citation, 4)
    }

    func testHistoryNumbersMessagesAsCitationsDo() throws {
        let s = try opened(width: 160, height: 48)
        var h = s
        h.ticket.showEscalation = false
        h.ticket.scroll = 0
        let all = text(h)
        for header in [
            "▶ #1 Hank Scorpio", "◀ #2 Chloé Martin", "▶ #3 Hank Scorpio", "✎ #4 Chloé Martin", "▶ #5 Hank Scorpio",
            "◀ #6 Chloé Martin",
        ] {
            XCTAssertTrue(all.contains(header), "\(header) in:\n\(all)")
        }
        let d = try XCTUnwrap(s.ticket.detail)
        XCTAssertEqual(d.timelineIndex(ofMessage: 4).flatMap { d.messageNumber(atTimelineIndex: $0) }, 4)
        XCTAssertEqual(d.timeline[d.timelineIndex(ofMessage: 4)!].kind, .internalNote)
    }

    func testAMessageOlderThanTheLoadedWindowIsNamed() throws {
        var s = try opened()
        var d = try XCTUnwrap(s.ticket.detail)
        // As if the first message were older than the window.
        let first = try XCTUnwrap(d.timelineIndex(ofMessage: 1))
        d.timeline.remove(at: first)
        d.earlierMessages = 1
        XCTAssertEqual(
            d.timelineIndex(ofMessage: 2).flatMap { d.messageNumber(atTimelineIndex: $0) }, 2, "the others keep their numbers")
        s.ticket.detail = d
        s.ticket.citation = 1
        _ = Reducer.reduce(&s, .key(.enter))
        XCTAssertTrue(s.ticket.showEscalation, "stays on the package")
        XCTAssertEqual(s.status?.text, "message #1 is older than the 400 messages loaded")
        XCTAssertEqual(s.status?.isError, true)
    }

    func testNoPackageNoCitations() throws {
        let f = try HandoffFixture(escalate: false)
        var s = AppState(width: 80, height: 24, agent: AgentRef(id: 1, handle: "chloe", name: "Chloé"), now: 0)
        _ = Reducer.reduce(&s, .ticketLoaded(try f.desk.ticketDetail(id: f.ticketId)))
        s.focus = .ticket
        _ = Reducer.reduce(&s, .key(.char("E")))
        _ = Reducer.reduce(&s, .key(.char("]")))
        XCTAssertNil(s.ticket.citation)
        XCTAssertEqual(s.status?.text, "no escalation package on this ticket")
        // Below the triggers, at the panel's end on a short terminal.
        _ = Reducer.reduce(&s, .key(.char("G")))
        XCTAssertTrue(text(s).contains("none open · e opens the composer"))
    }
}
