import DeskModel
import GRDB
import XCTest

final class TemplateSuggestionTests: XCTestCase {
    func testTopThreeAccuracyOnTheDemoSetIsAtLeastEightyPercent() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let a = try DemoBuilder.suggestionAccuracy(desk)
        print("suggestion accuracy: top-1 \(a.top1)/\(a.tickets), top-3 \(a.top3)/\(a.tickets)")
        for m in a.misses.prefix(10) { print("  miss: \(m)") }
        XCTAssertEqual(a.tickets, DemoBuilder.ticketCount)
        XCTAssertGreaterThanOrEqual(a.top3Rate, 0.8)
    }

    func testSuggestionsExplainTheirMatchAndSkipArchivedAndOtherBranches() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let t = try desk.createTicket(
            by: nil, customerEmail: "ana@example.com", subject: "Charged twice this month", channel: .email,
            body: "My card shows a duplicate charge for the same invoice.")
        let s = try desk.suggestions(ticket: t.id!)
        XCTAssertEqual(s.first?.name, "billing-double-charge")
        XCTAssertTrue(s.first!.matched.contains("duplicate"), "\(s.first!.matched)")
        try desk.db.write { db in try db.execute(sql: "UPDATE templates SET archived = 1 WHERE name = 'billing-double-charge'") }
        XCTAssertFalse(try desk.suggestions(ticket: t.id!).map(\.name).contains("billing-double-charge"))
        XCTAssertThrowsError(try desk.suggestions(ticket: 999_999)) { XCTAssertEqual("\($0)", "no ticket #999999.") }
    }
}
