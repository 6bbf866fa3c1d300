import DeskModel
import XCTest

final class ReplyPolicyTests: XCTestCase {
    let base = "branches:\n  - name: A\n    tier: tier1\n    address: Team A <a@example.com>\ndefault_branch: A\n"

    func issues(_ yaml: String) -> [String] {
        do {
            _ = try Policy.parse(yaml: base + yaml, file: "policy.yaml")
            return []
        } catch let error as PolicyError {
            return error.issues.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func testRepliesAndMailSectionsAreCheckedWithTheirLines() throws {
        XCTAssertEqual(
            issues("mail:\n  from: not an address\n  sendmail: [sendmail, -t]\n  outbox: x\n"),
            [
                "policy.yaml:7: mail.from: 'not an address' is not an address (expected name@domain or Name <name@domain>)",
                "policy.yaml:7: mail: give either sendmail (a command) or outbox (a Maildir), not both",
            ])
        XCTAssertEqual(
            issues("mail:\n  sendmail: [sendmail, -t]\n"),
            [
                "policy.yaml:7: mail.sendmail: expected a list whose first item is an absolute path, e.g. [/usr/sbin/sendmail, -t, -oi]"
            ])
        XCTAssertEqual(
            issues("replies:\n  custom_fields: [order number]\n  stale_after_days: 0\n  colour: blue\n"),
            [
                "policy.yaml:9: replies.colour: unknown key (expected one of: custom_fields, internal_markers, stale_after_days, unused_after_days)",
                "policy.yaml:7: replies.custom_fields: bad field name 'order number' (letters, digits and _ only)",
                "policy.yaml:8: replies.stale_after_days: expected a whole number of at least 1",
            ])
        let p = try Policy.parse(yaml: base + "mail:\n  sendmail: [/usr/sbin/sendmail, -t, -oi]\n", file: "policy.yaml")
        XCTAssertEqual(p.mail.delivery, .sendmail(["/usr/sbin/sendmail", "-t", "-oi"]))
        XCTAssertEqual(p.branches[0].address, "Team A <a@example.com>")
        XCTAssertFalse(Policy.standard.role(.agent).can.contains(.templates), "agents do not edit templates by default")
        XCTAssertTrue(Policy.standard.role(.lead).can.contains(.templates))
    }
}
