import DeskModel
import GRDB
import XCTest

/// A template counts as sent in a reply only when its text went out in that reply (issue 20
/// point 4; the rule is in docs/templates.md, "Usage").
final class TemplateUsageTests: XCTestCase {
    var desk: Desk!
    var ada: Agent!
    var ticket: Ticket!

    override func setUpWithError() throws {
        desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        ada = try desk.agent(handle: "ada")
        ticket = try desk.createTicket(
            by: nil, customerEmail: "zoë@example.com", subject: "Charged twice", channel: .chat,
            body: "I was charged twice this month.")
    }

    func text(_ name: String) throws -> (Int64, String) {
        let t = try desk.template(named: name)
        let ins = try desk.insertion(template: t.id!, ticket: ticket.id!, agent: ada)
        try desk.recordTemplateInsert(t.id!, ticket: ticket.id!, how: "picker", by: ada)
        return (t.id!, ins.text)
    }

    /// Names of the templates recorded as sent with the ticket's replies, and the reply event's list.
    func sent() throws -> (names: [String], replyTemplates: [String?]) {
        try desk.db.read { db in
            (
                try String.fetchAll(
                    db,
                    sql: "SELECT json_extract(data, '$.name') FROM events WHERE ticketId = ? AND kind = 'template.sent' ORDER BY id",
                    arguments: [ticket.id]),
                try String?.fetchAll(
                    db,
                    sql: "SELECT json_extract(data, '$.templates') FROM events WHERE ticketId = ? AND kind = 'message.reply' ORDER BY id",
                    arguments: [ticket.id])
            )
        }
    }

    func send(_ body: String, _ ids: [Int64]) throws {
        try desk.send(ticket: ticket.id!, SendRequest(body: body, templateIds: ids), by: ada)
    }

    /// The case: insert billing-double-charge, replace the draft with phone-callback, send.
    func testATemplateReplacedBeforeSendingIsNotCountedAsSent() throws {
        let (billing, _) = try text("billing-double-charge")
        let (phone, callback) = try text("phone-callback")
        let body = callback.replacingOccurrences(of: "{{ticket.summary}}", with: "we reverse the second charge today.")
        try send(body, [billing, phone])
        XCTAssertEqual(try sent().names, ["phone-callback"])
        XCTAssertEqual(try sent().replyTemplates, ["\(phone)"])
        let stats = try desk.templateStats()
        let usage = Dictionary(uniqueKeysWithValues: stats.templates.map { ($0.name, [$0.inserted, $0.sent]) })
        XCTAssertEqual(usage["billing-double-charge"], [1, 0], "inserted, never sent")
        XCTAssertEqual(usage["phone-callback"], [1, 1])
    }

    func testATemplateEditedLightlyStillCounts() throws {
        let (billing, body) = try text("billing-double-charge")
        let edited =
            body
            .replacingOccurrences(of: "sorry for the trouble", with: "apologies for the hassle")
            .replacingOccurrences(of: "Best,", with: "Kind regards,") + "\n\nPS: your invoice INV-2231 is corrected too."
        try send(edited, [billing])
        XCTAssertEqual(try sent().names, ["billing-double-charge"])
    }

    func testATemplateInsertedTwiceCountsOnce() throws {
        let (billing, body) = try text("billing-double-charge")
        _ = try text("billing-double-charge")
        try send(body + "\n\n" + body, [billing, billing])
        XCTAssertEqual(try sent().names, ["billing-double-charge"])
        XCTAssertEqual(try sent().replyTemplates, ["\(billing)"])
    }

    func testATemplateRemovedFromTheDraftDoesNotCount() throws {
        let (billing, _) = try text("billing-double-charge")
        try send("We are looking into it and will write again tomorrow.", [billing])
        XCTAssertEqual(try sent().names, [])
        XCTAssertEqual(try sent().replyTemplates, [nil], "the reply used no template")
    }

    func testOnlyAFragmentLeftIsNotTheTemplate() throws {
        let (billing, _) = try text("billing-double-charge")
        try send("Hi Zoë,\n\nI've reversed the second payment.\n\nAda", [billing])
        XCTAssertEqual(try sent().names, [], "a greeting and one clause are not the template's text")
    }

    func testTheTraceRule() {
        let t = "Hi Ann,\n\nYour renewal is within our **14-day refund window**, so I've started a full refund.\n\nAda"
        XCTAssertEqual(TemplateTrace.share(of: t, in: t), 1)
        XCTAssertTrue(TemplateTrace.wentOut(t, in: t.uppercased()), "case and Markdown do not matter")
        XCTAssertFalse(TemplateTrace.wentOut(t, in: "Thanks for the call today."))
        XCTAssertEqual(TemplateTrace.share(of: "", in: "anything"), 0)
        // A placeholder left in the template does not join the words around it.
        XCTAssertTrue(TemplateTrace.wentOut("As discussed: {{ticket.summary}} Talk soon", in: "As discussed: the refund. Talk soon"))
        XCTAssertTrue(TemplateTrace.wentOut("Thanks!", in: "thanks"), "a template under three words is compared word by word")
    }
}
