import Foundation
import XCTest

/// The CLI's JSON contract (issue 20 points 19 and 20): every `--json` command is run through
/// the built binary on a demo database and its output checked against its schema in
/// docs/json-schema/ (field names, types, enums, ISO 8601 UTC times, no field added or
/// dropped), and every `--json` command the CLI has must be among them.
final class JSONContractTests: XCTestCase {
    static let schemaDirectory = DeskBinary.root.appendingPathComponent("docs/json-schema")

    /// `--json` commands this test does not run, and why; each still has its fields documented.
    static let notRun: [String: String] = [
        "bench": "the console bench needs a corpus of 40,000+ tickets (desk seed); its fields are in docs/bench.md"
    ]

    var checker = JSONSchemaCheck(directory: JSONContractTests.schemaDirectory)
    var covered: [String: String] = [:]
    var db = ""
    let now = "2026-11-21T10:00:00Z"

    /// Runs one command with `--json`, checks it succeeded and that its output fits `schema`.
    @discardableResult
    func run(_ command: String, schema: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> JSONValue
    {
        let argv = command.split(separator: " ").map(String.init) + args + ["--db", db, "--now", now, "--json"]
        let r = try DeskBinary.run(argv)
        XCTAssertEqual(r.status, 0, "desk \(argv.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        let value: JSONValue
        do {
            value = try JSONValue.parse(r.stdout)
        } catch {
            XCTFail("\(command): not JSON: \(r.stdout.prefix(300))", file: file, line: line)
            return .null
        }
        let problems = try checker.problems(value, file: schema) + Self.epochLike(value, path: "$")
        XCTAssertEqual(problems, [], "\(command) against \(schema)", file: file, line: line)
        covered[command] = schema
        return value
    }

    /// Integers that read as epoch seconds (2001…5138): a time must be an ISO 8601 string.
    static func epochLike(_ v: JSONValue, path: String) -> [String] {
        switch v {
        case .integer(let i) where (1_000_000_000..<100_000_000_000).contains(i):
            return ["\(path): \(i) looks like an epoch time; times are ISO 8601 UTC strings"]
        case .array(let a): return a.enumerated().flatMap { epochLike($1, path: "\(path)[\($0)]") }
        case .object(let o): return o.flatMap { epochLike($1, path: "\(path).\($0)") }
        default: return []
        }
    }

    static func id(_ v: JSONValue, _ keys: String...) -> String {
        var node = v
        for k in keys { node = node.object?[k] ?? .null }
        if case .integer(let i) = node { return String(i) }
        return "?"
    }

    func testEveryJSONCommandMatchesItsSchemaAndNoneIsLeftOut() throws {
        db = try DeskBinary.demoDatabase(now: now)
        let ticket = try run(
            "ticket new", schema: "ticket-write.json",
            [
                "--customer", "zoe@example.com", "--subject", "Charged twice for March", "--channel", "email",
                "--product-area", "billing", "--body", "I was charged twice for the March invoice.", "--agent", "ada",
            ])
        let n = Self.id(ticket, "id")
        let duplicate = try run(
            "ticket new", schema: "ticket-write.json",
            ["--customer", "zoe@example.com", "--subject", "Charged twice again", "--channel", "email", "--agent", "ada"])
        let m = Self.id(duplicate, "id")

        // Reads, with no agent: none needs one (point 18).
        try run("ticket list", schema: "ticket-list.json", ["--limit", "5"])
        try run("ticket show", schema: "ticket-show.json", [n])
        try run("template stats", schema: "template-stats.json", [])
        try run("template suggest", schema: "template-suggest.json", ["1"])
        try run("outbox list", schema: "outbox-list.json", ["--all"])
        try run("attachment list", schema: "attachment-list.json", ["1"])
        try run("sla board", schema: "sla-board.json", ["--limit", "3"])
        try run("sla explain", schema: "sla-explain.json", ["85"])
        try run("escalation draft", schema: "escalation-draft.json", [n])
        try run("report escalations", schema: "report-escalations.json", [])

        // Every ticket write prints the ticket.
        let write = "ticket-write.json"
        try run("ticket reply", schema: write, [n, "--body", "We are looking into it.", "--agent", "ada"])
        try run("ticket note", schema: write, [n, "--body", "Checked the payment log.", "--agent", "ada"])
        try run("ticket take", schema: write, [n, "--agent", "ben"])
        try run("ticket assign", schema: write, [n, "ada", "--agent", "ada"])
        try run("ticket status", schema: write, [n, "pending", "--agent", "ada"])
        try run("ticket priority", schema: write, [n, "high", "--agent", "ada"])
        try run("ticket tag", schema: write, [n, "refund", "--agent", "ada"])
        try run("ticket area", schema: write, [n, "refunds", "--agent", "ada"])
        try run("ticket field", schema: write, [n, "order_number", "A-17", "--agent", "ada"])
        try run("ticket link", schema: write, [n, "1", "--agent", "ada"])
        try run("ticket route", schema: write, [n, "--agent", "ada"])
        try run("ticket assign", schema: write, [n, "ben", "--agent", "ada"])
        try run("ticket assess", schema: write, [n, "--impact", "team", "--workaround", "no", "--agent", "ben"])
        try run("ticket severity", schema: write, [n, "sev2", "--reason", "A team is blocked.", "--agent", "ben"])
        try run("ticket merge", schema: write, [m, "--into", n, "--agent", "ada"])
        try run("notifications list", schema: "notifications.json", ["--agent", "ben"])

        // An escalation through each of its steps.
        let escalate = ["--to", "Billing L2", "--next-action", "Check the capture log.", "--acknowledge", "all", "--agent", "ben"]
        let e1 = Self.id(try run("escalate", schema: "escalation.json", [n] + escalate), "escalation", "id")
        try run("escalation show", schema: "escalation.json", [e1])
        try run("escalation list", schema: "escalation-list.json", [])
        try run("escalation accept", schema: "escalation.json", [e1, "--agent", "farid"])
        try run("escalation resolve", schema: "escalation.json", [e1, "--reason", "Refunded.", "--agent", "farid"])
        try run("ticket deescalate", schema: write, [n, "--reason", "Back to Ben.", "--agent", "farid"])
        let e2 = Self.id(try run("escalate", schema: "escalation.json", [n] + escalate), "escalation", "id")
        try run("escalation return", schema: "escalation.json", [e2, "--reason", "Ask for the invoice.", "--agent", "farid"])
        let e3 = Self.id(try run("escalate", schema: "escalation.json", [n] + escalate), "escalation", "id")
        try run("escalation withdraw", schema: "escalation.json", [e3, "--reason", "Solved in L1.", "--agent", "ben"])
        try run("escalation overview", schema: "escalation-overview.json", [])
        try run("escalation list", schema: "escalation-list.json", [])
        try run("report escalations", schema: "report-escalations.json", [])
        try run("template stats", schema: "template-stats.json", [])

        // Measurements, small.
        try run("template suggest", schema: "template-suggest-accuracy.json", ["--accuracy"])
        try run("stress", schema: "stress.json", ["--agents", "2", "--seconds", "1", "--tickets", "1", "--kill-every", "0"])
        try run("bench", schema: "bench-intake.json", ["--intake", "20"])
        try run("bench", schema: "bench-live.json", ["--live", "--agent", "ada"])

        // Every --json command of the CLI was run here (or is named in notRun with why).
        let all = try Self.jsonCommands()
        let missing = all.subtracting(covered.keys).subtracting(Self.notRun.keys)
        XCTAssertEqual(missing.sorted(), [], "--json commands with no schema check: add them here and in docs/json-schema/")
        XCTAssertEqual(Set(covered.keys).subtracting(all).sorted(), [], "checked commands the CLI no longer has")
        XCTAssertGreaterThanOrEqual(all.count, 30, "the command tree was read")
    }

    /// The paths of the commands that take `--json`, from ArgumentParser's own description of the
    /// command tree (`desk --experimental-dump-help`).
    static func jsonCommands() throws -> Set<String> {
        let r = try DeskBinary.run(["--experimental-dump-help"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var out = Set<String>()
        func walk(_ command: JSONValue, _ path: [String]) {
            let names = (command.object?["arguments"]?.array ?? []).flatMap { a in
                (a.object?["names"]?.array ?? []).compactMap { $0.object?["name"]?.string }
            }
            if names.contains("json") { out.insert(path.joined(separator: " ")) }
            for sub in command.object?["subcommands"]?.array ?? [] {
                walk(sub, path + [sub.object?["commandName"]?.string ?? "?"])
            }
        }
        walk(try JSONValue.parse(r.stdout).object?["command"] ?? .null, [])
        return out
    }

    /// The validator fails a field added, dropped or renamed, a wrong enum value and an epoch time.
    func testTheSchemaCheckCatchesDrift() throws {
        let good = """
            {"id": 7, "subject": "s", "status": "open", "priority": "high", "channel": "email", "tags": [],
             "customer": {"email": "a@b.c", "name": "A", "tier": "vip"}, "version": 3,
             "createdAt": "2026-11-21T10:00:00Z", "updatedAt": "2026-11-21T10:00:00Z"}
            """
        XCTAssertEqual(try checker.problems(try JSONValue.parse(good), file: "ticket-write.json"), [])
        func problems(_ from: String, _ to: String) throws -> [String] {
            try checker.problems(try JSONValue.parse(good.replacingOccurrences(of: from, with: to)), file: "ticket-write.json")
        }
        XCTAssertEqual(try problems(#""version": 3"#, #""version": 3, "owner": "x""#), ["$: unexpected field owner"])
        XCTAssertEqual(try problems(#""version": 3,"#, ""), ["$: missing field version"])
        XCTAssertEqual(
            try problems(#""priority""#, #""prio""#), ["$: missing field priority", "$: unexpected field prio"])
        XCTAssertEqual(
            try problems(#""createdAt": "2026-11-21T10:00:00Z""#, #""createdAt": 1795255200"#),
            ["$.createdAt: expected string, found integer 1795255200"])
        XCTAssertEqual(
            try problems(#""updatedAt": "2026-11-21T10:00:00Z""#, #""updatedAt": "2026-11-21 10:00""#),
            [#"$.updatedAt: "2026-11-21 10:00" is not an ISO 8601 UTC time"#])
        XCTAssertEqual(try problems(#""tier": "vip""#, #""tier": "gold""#).count, 1)
        XCTAssertEqual(Self.epochLike(try JSONValue.parse(#"{"a": [1795255200]}"#), path: "$").count, 1)
    }
}
