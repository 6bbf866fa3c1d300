import DeskModel
import DeskTUI
import Foundation
import XCTest

/// The handoff on screen at 80x24 and 160x48: the receiver's package reader (top and bottom) and
/// the composer with its wrapped rows, against golden files in __Snapshots__.
final class HandoffSnapshotTests: XCTestCase {
    override class func setUp() { DisplayWidth.prepareLocale() }

    func screen(_ f: HandoffFixture, _ handle: String, width: Int, height: Int, keys: [Key]) throws -> [String] {
        let (console, backend) = try f.console(handle, width: width, height: height)
        for k in keys { console.dispatch(.key(k)) }
        return backend.lines
    }

    func open(_ id: Int64) -> [Key] { [.char(":")] + "open \(id)".map { .char($0) } + [.enter] }

    func testPackageReader() throws {
        let f = try HandoffFixture()
        for (w, h) in [(80, 24), (160, 48)] {
            let top = try screen(f, "grace", width: w, height: h, keys: open(f.ticketId) + [.char("E")])
            try assertSnapshot(top, named: "package-reader-\(w)x\(h)")
            let bottom = try screen(f, "grace", width: w, height: h, keys: open(f.ticketId) + [.char("E"), .char("G")])
            try assertSnapshot(bottom, named: "package-reader-end-\(w)x\(h)")
            for lines in [top, bottom] {
                for l in lines { XCTAssertEqual(DisplayWidth.of(l), w, l) }
            }
            XCTAssertTrue(top.joined().contains("Escalation package · #1 requested"))
            XCTAssertTrue(bottom.joined().contains("Chloé Martin"), "the update's end is reached")
        }
    }

    func testComposerWrapsItsRows() throws {
        let f = try HandoffFixture()
        for (w, h) in [(80, 24), (160, 48)] {
            let lines = try screen(f, "chloe", width: w, height: h, keys: open(f.otherTicketId) + [.char("e")])
            try assertSnapshot(lines, named: "composer-\(w)x\(h)")
            for l in lines { XCTAssertEqual(DisplayWidth.of(l), w, l) }
            let all = lines.joined(separator: "\n")
            XCTAssertTrue(all.contains("Escalate #\(f.otherTicketId)"), all)
            // The first summary claim is read whole: its end and its sources are on screen.
            let inside = lines.map {
                $0.split(separator: "│", omittingEmptySubsequences: false).dropFirst().first.map(String.init) ?? ""
            }
            .joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(
                inside.contains(
                    "Hank Scorpio (vip, Globex Corporation) reports: Exports of the audit log time out on large date ranges [#1] [field customer.tier]"
                ),
                all)
        }
    }

    /// The review's verdict at 80 columns: every failure read whole, the cursor on the first.
    func testComposerReviewAt80x24() throws {
        let f = try HandoffFixture()
        let lines = try screen(f, "chloe", width: 80, height: 24, keys: open(f.otherTicketId) + [.char("e"), .char("S")])
        try assertSnapshot(lines, named: "composer-review-80x24")
        let all = lines.joined(separator: "\n")
        XCTAssertTrue(all.contains("✗ Next actions: no next action for Technical L2: say what the next owner"), all)
        XCTAssertTrue(all.contains("should do first"), "the message's end, on the next line: \(all)")
    }
}
