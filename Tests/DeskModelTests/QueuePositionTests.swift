import DeskModel
import Foundation
import XCTest

/// Where a ticket stands in a queue (`:open N` puts the cursor there): the index its page gives it.
final class QueuePositionTests: XCTestCase {
    func testThePositionIsTheRowIndexInEveryOrderAndNilOutsideTheView() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T15:30:00Z")!))
        try DemoBuilder(desk: desk).build()
        for view in [QueueView.open, .all, .unassigned] {
            for sort in QueueSort.allCases {
                let query = QueueQuery(view: view, sort: sort)
                let rows = try desk.queuePage(query, offset: 0, limit: 500).rows
                XCTAssertFalse(rows.isEmpty)
                for i in Set([0, 1, rows.count / 2, rows.count - 1]) {
                    XCTAssertEqual(try desk.queuePosition(query, of: rows[i].id), i, "\(view) \(sort) #\(rows[i].id)")
                }
            }
        }
        let all = try desk.queuePage(QueueQuery(view: .all), offset: 0, limit: 500).rows
        let solved = try XCTUnwrap(all.first { $0.status == .solved || $0.status == .closed })
        XCTAssertNil(try desk.queuePosition(QueueQuery(view: .open), of: solved.id), "the open view does not list it")
        XCTAssertNil(try desk.queuePosition(QueueQuery(view: .open), of: 999_999))
    }
}
