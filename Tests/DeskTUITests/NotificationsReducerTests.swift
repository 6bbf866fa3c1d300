import DeskModel
import Foundation
import XCTest

@testable import DeskTUI

/// The notifications list and the unread count: what the agent sees, and what each key asks for.
final class NotificationsReducerTests: XCTestCase {
    let agent = AgentRef(id: 2, handle: "ben", name: "Ben Carter")

    func state() -> AppState { AppState(width: 100, height: 30, agent: agent, now: 1_000) }

    func item(_ id: Int64, ticket: Int64, kind: NotificationKind, read: Bool = false) -> AgentNotification {
        AgentNotification(
            id: id, kind: kind, ticketId: ticket, subject: "Subject \(ticket)", causedBy: "ada",
            text: "ada did \(kind.label)", createdAt: 900, readAt: read ? 950 : nil)
    }

    func testTheCountIsLoadedAtStartAndWithEveryReload() {
        var s = state()
        XCTAssertEqual(Reducer.reduce(&s, .started), [.loadUnreadCount])
        XCTAssertTrue(Reducer.reduce(&s, .databaseChanged).contains(.loadUnreadCount))
        _ = Reducer.reduce(&s, .unreadCountLoaded(3))
        let screen = Screen.render(s).lines()
        XCTAssertTrue(screen[s.layout.statusRow].hasSuffix("@ 3 unread "), screen[s.layout.statusRow])
    }

    func testARiseRingsTheBellOnlyForAnAgentWhoAskedAndNeverForTheFirstCount() {
        var s = state()
        s.notifications.bell = true
        _ = Reducer.reduce(&s, .unreadCountLoaded(2))
        XCTAssertEqual(s.notifications.rings, 0, "the count at start is no news")
        _ = Reducer.reduce(&s, .unreadCountLoaded(3))
        XCTAssertEqual(s.notifications.rings, 1)
        _ = Reducer.reduce(&s, .unreadCountLoaded(1))
        XCTAssertEqual(s.notifications.rings, 1, "reading some is not news")
        var quiet = state()
        _ = Reducer.reduce(&quiet, .unreadCountLoaded(1))
        _ = Reducer.reduce(&quiet, .unreadCountLoaded(5))
        XCTAssertEqual(quiet.notifications.rings, 0)
    }

    func testAtOpensTheListEnterOpensTheTicketAndMarksItRead() {
        var s = state()
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("@"))), [.loadNotifications(unreadOnly: false, limit: 200)])
        XCTAssertNotNil(s.notifications.screen)
        XCTAssertTrue(Screen.render(s).lines().joined().contains("Loading notifications"))
        _ = Reducer.reduce(&s, .unreadCountLoaded(2))
        _ = Reducer.reduce(
            &s,
            .notificationsLoaded(
                [item(9, ticket: 121, kind: .mentioned), item(8, ticket: 44, kind: .assigned), item(7, ticket: 3, kind: .slaAtRisk, read: true)],
                unreadOnly: false))
        let lines = Screen.render(s).lines()
        XCTAssertTrue(lines[0].contains("Notifications · 2 unread"), lines[0])
        XCTAssertTrue(lines[2].hasPrefix("● ") && lines[2].contains("#121") && lines[2].contains("mentioned"), lines[2])
        XCTAssertTrue(lines[4].hasPrefix("  ") && lines[4].contains("SLA at risk"), "read ones have no dot: \(lines[4])")
        _ = Reducer.reduce(&s, .key(.char("j")))
        XCTAssertEqual(s.notifications.screen?.selected, 1)
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadTicket(id: 44), .markNotificationsRead(ticket: 44)])
        XCTAssertNil(s.notifications.screen)
        XCTAssertEqual(s.focus, .ticket)
    }

    func testUShowsUnreadOnlyMMarksAllReadEscCloses() {
        var s = state()
        _ = Reducer.reduce(&s, .key(.char("@")))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("u"))), [.loadNotifications(unreadOnly: true, limit: 200)])
        // A list for the other setting, arriving late, is dropped.
        _ = Reducer.reduce(&s, .notificationsLoaded([item(1, ticket: 1, kind: .assigned, read: true)], unreadOnly: false))
        XCTAssertEqual(s.notifications.screen?.loaded, false)
        _ = Reducer.reduce(&s, .notificationsLoaded([], unreadOnly: true))
        XCTAssertTrue(Screen.render(s).lines().joined().contains("Nothing unread. u shows all."))
        XCTAssertEqual(Reducer.reduce(&s, .key(.char("m"))), [.markAllNotificationsRead])
        XCTAssertEqual(Reducer.reduce(&s, .key(.escape)), [])
        XCTAssertNil(s.notifications.screen)
    }

    func testTheCommandLineOpensItToo() {
        var s = state()
        _ = Reducer.reduce(&s, .key(.char(":")))
        for c in "notifications" { _ = Reducer.reduce(&s, .key(.char(c))) }
        XCTAssertEqual(Reducer.reduce(&s, .key(.enter)), [.loadNotifications(unreadOnly: false, limit: 200)])
        XCTAssertNotNil(s.notifications.screen)
    }
}
