import DeskModel
import XCTest

/// One test per kind of policy error, each with the exact message an owner sees.
final class PolicyCheckTests: XCTestCase {
    let base = """
        branches:
          - name: Billing L1
            tier: tier1
          - name: Billing L2
            tier: tier2
        default_branch: Billing L1

        """

    func issues(_ yaml: String) -> [String] {
        do {
            _ = try Policy.parse(yaml: yaml, file: "policy.yaml")
            return []
        } catch let error as PolicyError {
            return error.issues.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    func testTheShippedExampleIsValid() throws {
        let p = try Policy.parse(yaml: Policy.exampleYAML, file: "example")
        XCTAssertEqual(p.branches.map(\.name), ["Billing L1", "Technical L1", "Billing L2", "Technical L2", "Engineering"])
        XCTAssertEqual(p.routing.first?.name, "vip-billing")
        XCTAssertEqual(p.lifecycle.autoCloseDays, 4)
        XCTAssertFalse(p.role(.agent).can.contains(.merge))
    }

    func testUnknownBranch() {
        XCTAssertEqual(
            issues(base + "routing:\n  - name: r1\n    when:\n      channel: email\n    branch: Biling L2\n"),
            ["policy.yaml:11: routing[1].branch: unknown branch 'Biling L2' (expected one of: Billing L1, Billing L2)"])
        XCTAssertEqual(
            issues(base.replacingOccurrences(of: "default_branch: Billing L1", with: "default_branch: Nowhere")),
            ["policy.yaml:6: default_branch: unknown branch 'Nowhere' (expected one of: Billing L1, Billing L2)"])
    }

    func testDuplicateRuleName() {
        let yaml =
            base
            + "routing:\n  - name: vip\n    when: {customer_tier: vip}\n    branch: Billing L2\n"
            + "  - name: vip\n    when: {channel: chat}\n    branch: Billing L1\n"
        XCTAssertEqual(issues(yaml), ["policy.yaml:11: routing[2].name: duplicate rule name 'vip'"])
    }

    func testBadRegex() {
        XCTAssertEqual(
            issues(base + "routing:\n  - name: words\n    when:\n      keywords: 'refund(|'\n    branch: Billing L1\n"),
            ["policy.yaml:10: routing[1].when.keywords: bad regular expression 'refund(|' (expected an ICU regular expression)"])
    }

    func testUnknownStatus() {
        XCTAssertEqual(
            issues(base + "roles:\n  agent:\n    can: all\n    statuses: [open, resolved]\n"),
            [
                "policy.yaml:10: roles.agent.statuses[2]: unknown status 'resolved' (expected one of: new, open, pending, on-hold, solved, closed)"
            ])
    }

    func testUnknownKeysValuesAndMissingSections() {
        XCTAssertEqual(
            issues(base + "routing:\n  - name: r\n    when:\n      chanel: email\n    branch: Billing L1\n"),
            [
                "policy.yaml:10: routing[1].when.chanel: unknown key (expected one of: channel, recipient, customer_tier, organization, product_area, keywords, language)"
            ])
        XCTAssertEqual(
            issues(base + "routing:\n  - name: r\n    when:\n      channel: fax\n    branch: Billing L1\n"),
            ["policy.yaml:10: routing[1].when.channel: unknown channel 'fax' (expected one of: email, chat, web, phone)"])
        XCTAssertEqual(
            issues("default_branch: X\n"),
            ["policy.yaml:1: branches: missing: at least one branch is required"])
        XCTAssertEqual(
            issues(""),
            [
                "policy.yaml:1: (file): the file is empty (expected the sections: lifecycle, branches, default_branch, routing, roles, calendars, sla, escalation, replies, mail, notifications, assignment)"
            ])
        XCTAssertEqual(
            issues(base + "lifecycle:\n  auto_close_after_days: soon\n"),
            ["policy.yaml:8: lifecycle.auto_close_after_days: expected a whole number of at least 1"])
    }

    /// Every kind of calendar and SLA mistake, each located, all reported at once.
    func testCalendarAndSLAErrors() {
        let yaml =
            base + """
                calendars:
                  - name: office
                    time_zone: Europe/Berlni
                    hours:
                      mon-fry: "09:00-17:00"
                      sat: "9 to 5"
                    holidays: [2026-12-25, christmas]
                  - name: Office
                    time_zone: UTC
                    hours: {mon: "00:00-24:00"}
                  - time_zone: UTC
                sla:
                  - name: standard
                    calendar: ofice
                    first_reply: 60
                    warn_at: soon
                  - name: standard
                    calendar: office
                    resolution: {minutes: 60, time: wall}
                  - name: empty
                    calendar: office
                  - calendar: office
                    first_reply: {time: business}

                """
        XCTAssertEqual(
            issues(yaml),
            [
                "policy.yaml:9: calendars[1].time_zone: unknown time zone 'Europe/Berlni' (expected an IANA name such as Europe/Berlin)",
                "policy.yaml:11: calendars[1].hours.mon-fry: unknown days (expected mon … sun, a range such as mon-fri, or a list: sat, sun)",
                "policy.yaml:12: calendars[1].hours.sat: expected times such as \"09:00-17:00\" or \"09:00-12:00, 13:00-17:00\"",
                "policy.yaml:13: calendars[1].holidays[2]: expected a date YYYY-MM-DD, or MM-DD for every year; got 'christmas'",
                "policy.yaml:14: calendars[2].name: duplicate calendar name 'Office'",
                "policy.yaml:17: calendars[3].name: missing: every calendar needs a name",
                "policy.yaml:20: sla[1].calendar: unknown calendar 'ofice' (expected one of: office, Office)",
                "policy.yaml:22: sla[1].warn_at: expected a share of the target used (75%) or minutes left (30m); got 'soon'",
                "policy.yaml:23: sla[2].name: duplicate SLA policy name 'standard'",
                "policy.yaml:25: sla[2].resolution.time: expected business or calendar; got 'wall'",
                "policy.yaml:26: sla[3]: no targets: give at least one of first_reply, next_reply, periodic_update, resolution",
                "policy.yaml:28: sla[4].name: missing: every SLA policy needs a name (tickets record it)",
                "policy.yaml:29: sla[4].first_reply.minutes: missing: the target in minutes",
            ])
    }

    func testEscalationErrors() {
        let yaml =
            base + """
                escalation:
                  paths:
                    - from: Billing L2
                      to: [Billing L1]
                    - from: Biling L1
                      to: Billing L2
                    - to: [Billing L2]
                  act_within_minutes: 0
                  triggers:
                    sla_at_risk: 125%
                    severity: sev5
                    repeated_ticket: maybe
                    vip: true
                  severity:
                    - name: big
                      when: {impact: everyone}
                      severity: sev1
                      rationale: Big.
                    - name: big
                      severity: sev2
                    - name: last
                      when: {workaround: no}
                      severity: sev4
                      rationale: Small.
                  customer_update: "Hi {{customer.email}}, {{ticket.id}}"

                """
        XCTAssertEqual(
            issues(yaml),
            [
                "policy.yaml:10: escalation.paths[1].to: 'Billing L1' (tier1) is not above 'Billing L2' (tier2): escalation goes up a tier",
                "policy.yaml:11: escalation.paths[2].from: unknown branch 'Biling L1' (expected one of: Billing L1, Billing L2)",
                "policy.yaml:13: escalation.paths[3].from: missing: the branch that escalates",
                "policy.yaml:14: escalation.act_within_minutes: expected a whole number of at least 1",
                "policy.yaml:19: escalation.triggers.vip: unknown key (expected one of: severity, customer_tier, sla_at_risk, repeated_ticket, customer_messages_without_resolution, engineering_without_repro, open_incident)",
                "policy.yaml:17: escalation.triggers.severity: unknown severity 'sev5' (expected one of: sev1, sev2, sev3, sev4)",
                "policy.yaml:16: escalation.triggers.sla_at_risk: expected a percentage of a target left, 1% to 99% (like 25%)",
                "policy.yaml:18: escalation.triggers.repeated_ticket: expected true or false",
                "policy.yaml:22: escalation.severity[1].when.impact: unknown impact 'everyone' (expected one of: single, team, organization)",
                "policy.yaml:25: escalation.severity[2].name: duplicate rubric row name 'big'",
                "policy.yaml:25: escalation.severity[2].rationale: missing: the text agents see as the reason",
                "policy.yaml:27: escalation.severity[3]: the last rubric row must have no 'when', so every ticket gets a severity",
                "policy.yaml:31: escalation.customer_update: unknown placeholder {{customer.email}} (expected: customer.name, ticket.id, ticket.subject, team, agent.name, reproduced, workaround)",
            ])
        XCTAssertNoThrow(try Policy.parse(yaml: Policy.exampleYAML, file: "example"))
    }

    func testBrokenYAMLNamesTheLine() {
        let found = issues(base + "routing:\n  - name: [unclosed\n")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("policy.yaml:9: (file): not valid YAML:"), found[0])
    }

    func testEveryProblemIsReportedAtOnce() {
        let yaml =
            base + "routing:\n  - name: a\n    branch: Nowhere\n  - name: a\n    when: {keywords: '('}\n    branch: Billing L1\n"
        XCTAssertEqual(issues(yaml).count, 3)
    }

    /// A policy with one branch that has a From address, for the replies and mail sections.
    let replyBase = "branches:\n  - name: A\n    tier: tier1\n    address: Team A <a@example.com>\ndefault_branch: A\n"

    func testRepliesAndMailSectionsAreCheckedWithTheirLines() throws {
        XCTAssertEqual(
            issues(replyBase + "mail:\n  from: not an address\n  sendmail: [sendmail, -t]\n  outbox: x\n"),
            [
                "policy.yaml:7: mail.from: 'not an address' is not an address (expected name@domain or Name <name@domain>)",
                "policy.yaml:7: mail: give either sendmail (a command) or outbox (a Maildir), not both",
            ])
        XCTAssertEqual(
            issues(replyBase + "mail:\n  sendmail: [sendmail, -t]\n"),
            [
                "policy.yaml:7: mail.sendmail: expected a list whose first item is an absolute path, e.g. [/usr/sbin/sendmail, -t, -oi]"
            ])
        XCTAssertEqual(
            issues(replyBase + "replies:\n  custom_fields: [order number]\n  stale_after_days: 0\n  colour: blue\n"),
            [
                "policy.yaml:9: replies.colour: unknown key (expected one of: custom_fields, internal_markers, stale_after_days, unused_after_days)",
                "policy.yaml:7: replies.custom_fields: bad field name 'order number' (letters, digits and _ only)",
                "policy.yaml:8: replies.stale_after_days: expected a whole number of at least 1",
            ])
        let p = try Policy.parse(yaml: replyBase + "mail:\n  sendmail: [/usr/sbin/sendmail, -t, -oi]\n", file: "policy.yaml")
        XCTAssertEqual(p.mail.delivery, .sendmail(["/usr/sbin/sendmail", "-t", "-oi"]))
        XCTAssertEqual(p.branches[0].address, "Team A <a@example.com>")
        XCTAssertFalse(Policy.standard.role(.agent).can.contains(.templates), "agents do not edit templates by default")
        XCTAssertTrue(Policy.standard.role(.lead).can.contains(.templates))
    }
}
