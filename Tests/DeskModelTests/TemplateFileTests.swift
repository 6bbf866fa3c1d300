import DeskModel
import GRDB
import XCTest

final class TemplateFileTests: XCTestCase {
    func testImportReportsEveryProblemWithFileAndLineAndSkipsBrokenFilesWhole() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let dir = NSTemporaryDirectory() + "tpl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ text: String) throws {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        try write(
            "good.md",
            "---\nname: shipping-delay\ntags: [shipping]\nproduct_area: billing\nowner: ada\nlast_reviewed: 2026-10-01\nactions: {status: pending, tags: [delay]}\n---\nHi {{customer.first_name}}, order {{custom.order_number}} is late.\n"
        )
        try write(
            "broken.md",
            "---\nname: broken\nbranch: Nowhere\nowner: nobody\n---\nHello {{customer.shoe_size}}\nand {{agent.name}}\nbye {{ticket.oops}}\n"
        )
        try write("nofront.md", "Just text")
        try write("badyaml.md", "---\nname: [unclosed\n---\nbody\n")
        let r = try desk.importTemplates(from: dir, by: try desk.agent(handle: "grace"))
        XCTAssertEqual(r.imported, ["shipping-delay"])
        XCTAssertEqual(Set(r.brokenFiles), ["broken.md", "nofront.md", "badyaml.md"])
        let text = r.issues.map(\.description)
        XCTAssertTrue(
            text.contains(
                "broken.md:3: branch: unknown branch 'Nowhere' (expected one of: Billing L1, Billing L2, Engineering, Technical L1, Technical L2)"
            ) || text.contains { $0.hasPrefix("broken.md:3: branch: unknown branch 'Nowhere'") }, "\(text)")
        XCTAssertTrue(text.contains("broken.md:4: owner: unknown agent 'nobody'"), "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("broken.md:6: body: unknown placeholder {{customer.shoe_size}}") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("broken.md:8: body: unknown placeholder {{ticket.oops}}") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("nofront.md:1:") }, "\(text)")
        XCTAssertTrue(text.contains { $0.hasPrefix("badyaml.md:3: (file): not valid YAML") }, "\(text)")
        XCTAssertThrowsError(try desk.template(named: "broken"), "nothing of a broken file is imported")
        let t = try desk.template(named: "shipping-delay")
        XCTAssertEqual(t.macro, MacroActions(status: .pending, tags: ["delay"]))
        // Export then import again changes nothing.
        let out = dir + "/export"
        try desk.exportTemplates(to: out)
        let again = try desk.importTemplates(from: out, by: nil)
        XCTAssertTrue(again.issues.isEmpty, "\(again.issues)")
        XCTAssertEqual(try desk.template(named: "shipping-delay"), t)
        // An agent without the templates permission may not import.
        XCTAssertThrowsError(try desk.importTemplates(from: dir, by: try desk.agent(handle: "ben")))
    }

    func testRenderingFillsKnownValuesAndLeavesMissingOnesToAsk() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let ada = try desk.agent(handle: "ada")
        let t = try desk.createTicket(
            by: nil, customerEmail: "ana.lopez@example.com", subject: "Call me", channel: .phone, body: "x")
        let tpl = try desk.template(named: "phone-callback")
        let ins = try desk.insertion(template: tpl.id!, ticket: t.id!, agent: ada)
        XCTAssertTrue(ins.text.hasPrefix("Hi ana.lopez,"), ins.text)
        XCTAssertTrue(ins.text.contains("As discussed: {{ticket.summary}}"), "no value: left to fill")
        XCTAssertTrue(ins.text.hasSuffix(ada.name))
        XCTAssertEqual(ins.missing, ["{{ticket.summary}}"])
        XCTAssertEqual(
            try TemplateRenderer.render("{{agent.name}} & <b>", values: ["agent.name": "A & B"]), "A & B & <b>",
            "no HTML escaping")
        try desk.setField(ticket: t.id!, "order_number", to: "A-17", by: ada)
        XCTAssertEqual(
            try TemplateRenderer.render(
                "Order {{custom.order_number}}",
                values: PlaceholderValues.of(try desk.ticketDetail(id: t.id!), agent: ada, fields: ["order_number": "A-17"])
                    .values), "Order A-17")
        XCTAssertThrowsError(try desk.setField(ticket: t.id!, "shoe_size", to: "9", by: ada))
        XCTAssertEqual(
            Placeholders.unknown(in: "{{customer.name}} {{foo}} {{! comment}} {{custom.plan}}", customFields: ["plan"]).map(
                \.name), ["foo"])
        XCTAssertEqual(Placeholders.unfilled(in: "done {{x"), ["{{x"])
    }

    func testStatsCountUsesRatesAndStaleTemplates() throws {
        let desk = Desk(db: try DeskDatabase.temporary(), clock: FixedClock(FixedClock.parse("2026-11-20T12:00:00Z")!))
        try DemoBuilder(desk: desk).build()
        let ada = try desk.agent(handle: "ada")
        let t = try desk.createTicket(by: nil, customerEmail: "ana@example.com", subject: "Refund", channel: .chat, body: "x")
        let tpl = try desk.template(named: "refund-annual-plan")
        try desk.recordTemplateInsert(tpl.id!, ticket: t.id!, how: "suggestion 1", by: ada)
        let text = try desk.insertion(template: tpl.id!, ticket: t.id!, agent: ada).text
        try desk.send(ticket: t.id!, SendRequest(body: text, templateIds: [tpl.id!]), by: ada)
        try desk.send(ticket: t.id!, SendRequest(body: "Anything else?"), by: ada)
        let s = try desk.templateStats()
        let u = s.templates.first { $0.name == "refund-annual-plan" }!
        XCTAssertEqual([u.inserted, u.sent], [1, 1])
        let me = s.agents.first { $0.name == "ada" }!
        XCTAssertEqual(me.withTemplate, 1)
        XCTAssertGreaterThanOrEqual(me.replies, 2)
        XCTAssertFalse(s.stale.contains { $0.name == "refund-annual-plan" && $0.reasons.contains("never used") })
        XCTAssertTrue(s.stale.contains { $0.name == "export-help" && $0.reasons.contains("never used") })
    }
}
