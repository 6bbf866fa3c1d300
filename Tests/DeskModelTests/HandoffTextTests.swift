import DeskModel
import Foundation
import XCTest

/// What the customer and the receiver read of a handoff: paragraphs reflowed as Markdown reads
/// them, public branch names, next actions with owners, packages stored before those existed.
final class HandoffTextTests: XCTestCase {
    func testReflowJoinsSoftBreaksAndKeepsBlocks() {
        let cases: [(String, String, String)] = [
            ("soft breaks in a paragraph", "We\nhave\npassed it on.", "We have passed it on."),
            ("a blank line parts paragraphs", "Hello Ann,\n\nThank you\nfor waiting.", "Hello Ann,\n\nThank you for waiting."),
            ("several blank lines are one", "One.\n\n\n\nTwo.", "One.\n\nTwo."),
            (
                "list items keep their lines", "Steps:\n- open\n- click\nthe button\n1. then",
                "Steps:\n- open\n- click the button\n1. then"
            ),
            ("two trailing spaces are a hard break", "Line one  \nline two", "Line one  \nline two"),
            ("a backslash is a hard break", "Line one\\\nline two", "Line one\\\nline two"),
            ("fenced code is verbatim", "See:\n```\na\n  b\n```\nend", "See:\n```\na\n  b\n```\nend"),
            ("headings and quotes start blocks", "# Title\ntext\n> quoted\nmore", "# Title\ntext\n> quoted more"),
            ("indentation is not kept in a paragraph", "Hello\n   there", "Hello there"),
            ("nothing to do", "One line.", "One line."),
        ]
        for (name, input, expected) in cases {
            XCTAssertEqual(Paragraphs.reflow(input), expected, name)
        }
    }

    func testTheShippedUpdateReadsAsParagraphsWithThePublicName() throws {
        let facts = CustomerUpdate.Facts(
            customerName: "Ann", ticketId: 12, subject: "Card declined", team: "billing specialists", agentName: "Ben Carter")
        let text = try CustomerUpdate.render(Policy.standard.escalation.customerUpdate, facts)
        XCTAssertEqual(
            text,
            """
            Hello Ann,

            Thank you for your patience with ticket #12 ("Card declined"). We have passed it to our billing specialists, who will take it from here.

            We will update you as soon as we know more.

            Ben Carter
            """)
        var more = facts
        more.reproduced = true
        more.workaround = "pay by bank transfer"
        let with = try CustomerUpdate.render(Policy.standard.escalation.customerUpdate, more)
        XCTAssertTrue(with.contains("We have reproduced the issue, and our billing specialists are prioritising a fix."), with)
        XCTAssertTrue(with.contains("\n\nUntil the fix is out, you can work around it: pay by bank transfer\n\n"), with)
    }

    func testEveryShippedBranchHasAPublicNameAndOthersGetANeutralOne() throws {
        for b in Policy.standard.branches { XCTAssertNotNil(b.publicName, b.name) }
        XCTAssertEqual(Policy.standard.publicName(ofBranch: "Billing L2"), "billing specialists")
        XCTAssertEqual(escalationPolicy.publicName(ofBranch: "Billing L2"), "specialist team")
        XCTAssertThrowsError(
            try Policy.parse(
                yaml: "branches:\n  - {name: A, tier: tier1, public_name: ' '}\ndefault_branch: A\n", file: "p.yaml")
        ) { XCTAssertTrue("\($0)".contains("branches[1].public_name: expected a non-empty text value"), "\($0)") }
    }

    func testTheReviewRefusesAnUpdateNamingAnInternalBranch() throws {
        let cast = try EscalationCast()
        let t = try cast.desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Card declined", channel: .email, body: "It fails.",
            productArea: "billing")
        var p = try cast.readyPackage(t.id!, by: cast.ben)
        p.sendUpdate = true
        p.customerUpdate = "Hello Ann,\n\nWe have\npassed it to our Billing L2 team."
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)) {
            XCTAssertTrue(
                "\($0)".contains(
                    "Customer update: the customer update names the internal branch 'Billing L2' (line 4, column 18)"),
                "\($0)")
        }
        XCTAssertTrue(try cast.ticket(t.id!).branchId != nil, "nothing moved")
        // The draft says it before the submit, and a lower-case word is no branch name.
        let draft = try cast.desk.escalationDraft(ticket: t.id!, by: cast.ben, to: "Billing L2")
        var d = draft
        d.package = p
        XCTAssertTrue(d.failures.contains { $0.field == .customerUpdate && $0.message.contains("'Billing L2'") })
        XCTAssertNil(CustomerUpdate.internalName(in: "our engineering team", names: ["Engineering"]))
        XCTAssertNil(CustomerUpdate.internalName(in: "Billing L20 is a plan", names: ["Billing L2"]))
    }

    func testNextActionsParseTheirOwnersAndOldPackagesStillRead() throws {
        let owners = ["Engineering", "grace", "mia"]
        XCTAssertEqual(
            NextAction.parse("engineering: confirm the patch window", owners: owners, defaultOwner: "Engineering"),
            NextAction(owner: "Engineering", action: "confirm the patch window"))
        XCTAssertEqual(
            NextAction.parse("Note: the logs rotate at 02:00", owners: owners, defaultOwner: "Engineering"),
            NextAction(owner: "Engineering", action: "Note: the logs rotate at 02:00"), "not an owner: the words stay")
        XCTAssertEqual(
            NextAction.parseLines("mia: call them\n\nCheck logs", owners: owners, defaultOwner: "Engineering"),
            [NextAction(owner: "mia", action: "call them"), NextAction(owner: "Engineering", action: "Check logs")])

        // A package stored with one `nextAction` reads as the next owner's one action.
        let old = """
            {"customerUpdate":"Hi","missing":[],"nextAction":"Refund one charge.","repro":[],"sendUpdate":false,
             "severity":{"rationale":"r","rule":"default","severity":"sev4"},"summary":[],"toBranch":"Billing L2"}
            """
        let p = try JSONDecoder().decode(EscalationPackage.self, from: Data(old.utf8))
        XCTAssertEqual(p.nextActions, [NextAction(owner: "Billing L2", action: "Refund one charge.")])
        XCTAssertEqual(p.nextAction, "Refund one charge.")
        XCTAssertNil(p.workaroundText)
        // Written again, it has the list.
        let again = try JSONDecoder().decode(EscalationPackage.self, from: JSONEncoder().encode(p))
        XCTAssertEqual(again, p)
    }

    func testTheReviewWantsAStepForTheNextOwnerNotJustForOthers() throws {
        let cast = try EscalationCast()
        let t = try cast.desk.createTicket(
            by: nil, customerEmail: "ann@acme.example", subject: "Card declined", channel: .email, body: "It fails.")
        var p = try cast.readyPackage(t.id!, by: cast.ben)
        p.nextActions = [NextAction(owner: "ben", action: "Tell Ann by 5pm")]
        XCTAssertThrowsError(try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)) {
            XCTAssertTrue("\($0)".contains("no next action for Billing L2"), "\($0)")
        }
        p.nextActions.insert(NextAction(owner: "Billing L2", action: "Refund one charge"), at: 0)
        let e = try cast.desk.escalate(ticket: t.id!, package: p, by: cast.ben)
        let (_, s) = try cast.desk.escalation(id: e.id!)
        XCTAssertEqual(s.nextAction, "Refund one charge", "one-line views show the next owner's step")
    }

    func testTheOutlineIsSafeToPrint() throws {
        var p = EscalationPackage(
            summary: [Claim(text: "Customer wrote \u{1B}[2J\u{1B}]0;pwned\u{07} twice", sources: [.message(1)])], repro: [],
            severity: SeverityAssessment(severity: .sev4, rule: "default", rationale: "r"),
            customerUpdate: "Hello\u{202E} Ann,\n\nbye\u{1B}[31m", toBranch: "Billing L2", nextActions: [], missing: [])
        p.workaroundText = "use the \u{1B}[1mweb\u{1B}[0m app"
        let text = PackageOutline(p).textLines.joined(separator: "\n")
        XCTAssertFalse(text.contains("\u{1B}"), text)
        XCTAssertFalse(text.contains("\u{202E}"), text)
        XCTAssertTrue(text.contains("^[[2J"), "shown, not run: \(text)")
    }
}
