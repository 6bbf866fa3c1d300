import Foundation
import XCTest

/// The scriptable CLI through the real binary: outputs, JSON and clear errors.
final class CommandLineTests: XCTestCase {
    let now = "2026-11-21T10:00:00Z"

    func testTicketWorkflowWithJSON() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let new = try DeskBinary.run([
            "ticket", "new", "--db", db, "--agent", "ben", "--customer", "new.person@example.com",
            "--subject", "Cannot export invoices", "--channel", "web", "--body", "The export button is grey.", "--json",
        ])
        XCTAssertEqual(new.status, 0, new.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(new.stdout.utf8)) as? [String: Any])
        let id = try XCTUnwrap(json["id"] as? Int)
        XCTAssertEqual(json["status"] as? String, "new")
        XCTAssertEqual(json["channel"] as? String, "web")
        XCTAssertEqual((json["customer"] as? [String: Any])?["email"] as? String, "new.person@example.com")

        let reply = try DeskBinary.run(
            ["ticket", "reply", "\(id)", "--db", db, "--agent", "ben", "--if-version", "1"], stdin: "Thanks, looking now.")
        XCTAssertEqual(reply.status, 0, reply.stderr)
        XCTAssertTrue(reply.stdout.contains("version 2"))
        let stale = try DeskBinary.run([
            "ticket", "status", "\(id)", "pending", "--db", db, "--agent", "ada", "--if-version", "1",
        ])
        XCTAssertNotEqual(stale.status, 0)
        // The reply moved the status (new → open): a status change begun before it is refused.
        XCTAssertTrue(stale.stderr.contains("Ben Carter replied to the customer (status → open)"), stale.stderr)
        XCTAssertEqual(
            try DeskBinary.run(["ticket", "note", "\(id)", "--db", db, "--agent", "ada", "--body", "VIP? check"]).status, 0)
        // Routed to Billing L1 (rule billing-words) and assigned round-robin when created; reassign by hand.
        XCTAssertEqual(try DeskBinary.run(["ticket", "assign", "\(id)", "chloe", "--db", db, "--agent", "ada"]).status, 0)
        XCTAssertEqual(try DeskBinary.run(["ticket", "status", "\(id)", "pending", "--db", db, "--agent", "ada"]).status, 0)

        let show = try DeskBinary.run(["ticket", "show", "\(id)", "--db", db, "--json"])
        let shown = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(shown["status"] as? String, "pending")
        XCTAssertEqual(shown["assignee"] as? String, "chloe")
        XCTAssertEqual(shown["version"] as? Int, 5)
        let messages = try XCTUnwrap(shown["messages"] as? [[String: Any]])
        XCTAssertEqual(messages.map { $0["visibility"] as? String }, ["public", "public", "internal"])

        var area = try DeskBinary.run(["ticket", "area", "\(id)", "Exports", "--db", db, "--agent", "ada"])
        XCTAssertEqual(area.status, 0, area.stderr)
        XCTAssertTrue(area.stdout.contains("Product area of #\(id) is exports"), area.stdout)
        area = try DeskBinary.run(["ticket", "area", "\(id)", "two words", "--db", db, "--agent", "ada"])
        XCTAssertNotEqual(area.status, 0)
        XCTAssertTrue(area.stderr.contains("a word of letters, digits, - or _"), area.stderr)
        area = try DeskBinary.run(["ticket", "area", "\(id)", "--clear", "--db", db, "--agent", "ada", "--json"])
        XCTAssertEqual(area.status, 0, area.stderr)
        XCTAssertFalse(area.stdout.contains("exports"), area.stdout)

        let list = try DeskBinary.run(["ticket", "list", "--db", db, "--filter", "export invoices", "--json"])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.first?["id"] as? Int, id)
    }

    /// Each view lists what it says (a root option once swallowed `--view`), and the SLA board
    /// prints counts that add up, as text and JSON, with clear errors for a bad branch or tier.
    func testViewsAndTheSLABoard() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let unassigned = try DeskBinary.run(["ticket", "list", "--db", db, "--view", "unassigned", "--json", "--limit", "500"])
        XCTAssertEqual(unassigned.status, 0, unassigned.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(unassigned.stdout.utf8)) as? [[String: Any]])
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0["assignee"] == nil || $0["assignee"] is NSNull }, "\(rows.prefix(2))")
        let mine = try DeskBinary.run(["--db", db, "--agent", "ada", "ticket", "list", "--view", "mine"])
        XCTAssertTrue(mine.stdout.hasSuffix("tickets (mine).\n"), mine.stdout)

        let board = try DeskBinary.run(["sla", "board", "--db", db, "--now", now, "--json", "--limit", "5"])
        XCTAssertEqual(board.status, 0, board.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(board.stdout.utf8)) as? [String: Any])
        let branches = try XCTUnwrap(json["branches"] as? [[String: Any]])
        let open = try XCTUnwrap(json["open"] as? Int)
        XCTAssertEqual(branches.compactMap { $0["open"] as? Int }.reduce(0, +), open)
        let tickets = try XCTUnwrap(json["tickets"] as? [[String: Any]])
        XCTAssertEqual(tickets.count, 5)
        XCTAssertEqual(tickets.first?["state"] as? String, "breached", "the most overdue first")
        let text = try DeskBinary.run(["sla", "board", "--db", db, "--now", now, "--branch", "billing l1"])
        XCTAssertTrue(text.stdout.hasPrefix("SLA board · billing l1 · all tiers · "), text.stdout)
        let badBranch = try DeskBinary.run(["sla", "board", "--db", db, "--branch", "Nowhere"])
        XCTAssertNotEqual(badBranch.status, 0)
        XCTAssertTrue(badBranch.stderr.contains("no branch named 'Nowhere' (known branches: Billing L1"), badBranch.stderr)
        let badTier = try DeskBinary.run(["sla", "board", "--db", db, "--tier", "gold"])
        XCTAssertNotEqual(badTier.status, 0)
        XCTAssertTrue(badTier.stderr.contains("gold"), badTier.stderr)
    }

    func testClearErrorsAndNothingLost() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        var r = try DeskBinary.run(["ticket", "show", "99999", "--db", db])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no ticket #99999."), r.stderr)

        r = try DeskBinary.run(["ticket", "assign", "1", "nobody", "--db", db, "--agent", "ada"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("no agent with handle 'nobody'"), r.stderr)

        r = try DeskBinary.run(["ticket", "note", "1", "--db", db, "--body", "x"], env: ["USER": "nobody-here"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--agent HANDLE"), r.stderr)

        r = try DeskBinary.run([
            "ticket", "new", "--db", db, "--agent", "ada", "--customer", "not an email", "--subject", "x", "--channel", "email",
            "--body", "y",
        ])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("is not a valid email address"), r.stderr)

        r = try DeskBinary.run([
            "ticket", "new", "--db", db, "--agent", "ada", "--customer", "a@b.example", "--subject", "x", "--channel", "fax",
            "--body", "y",
        ])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("email, chat, web, phone"), r.stderr)

        r = try DeskBinary.run(["ticket", "list", "--db", db, "--now", "yesterday"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("ISO 8601"), r.stderr)
    }

    func testCorruptDatabaseIsRefusedAndUntouched() throws {
        let path = NSTemporaryDirectory() + "desk-corrupt-\(UUID().uuidString).sqlite"
        let junk = Data("PK\u{03}\u{04} definitely a zip file, not a database".utf8)
        FileManager.default.createFile(atPath: path, contents: junk)
        for args in [["ticket", "list", "--db", path], ["--db", path, "--agent", "ada"], ["demo", "--db", path, "--force"]] {
            let r = try DeskBinary.run(args)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("is not a desk database"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one clear sentence: \(r.stderr)")
        }
        XCTAssertEqual(FileManager.default.contents(atPath: path), junk)
    }

    func testConsoleWithoutATerminalSaysSoInsteadOfHanging() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let r = try DeskBinary.run(["--db", db, "--agent", "ada"], stdin: "q")
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("the console needs a terminal"), r.stderr)
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "nothing was drawn")
    }

    func testMissingDatabaseSaysHowToMakeOne() throws {
        let r = try DeskBinary.run(["ticket", "list", "--db", "/nonexistent/dir/desk.sqlite"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("desk demo"), r.stderr)
    }

    /// An invalid policy stops the console and every command before the database is opened:
    /// the same located message, and the database file byte for byte as it was.
    func testInvalidPolicyIsRefusedAndTheDatabaseUntouched() throws {
        let db = try DeskBinary.demoDatabase(now: now)
        let policy = (db as NSString).deletingLastPathComponent + "/policy.yaml"
        try "branches:\n  - name: A\n    tier: tier9\ndefault_branch: A\n".write(
            toFile: policy, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        let expected = "policy.yaml:3: branches[1].tier: unknown tier 'tier9' (expected one of: tier1, tier2, engineering)"
        for args in [["--db", db, "--agent", "ada"], ["ticket", "list", "--db", db], ["policy", "check", policy]] {
            let r = try DeskBinary.run(args)
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertTrue(r.stderr.contains(expected), r.stderr)
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: db)), before)
        try restoreExamplePolicy(policy)
        let ok = try DeskBinary.run(["policy", "check", policy])
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stdout.contains("valid — 5 branches, 5 routing rules"), ok.stdout)
    }

    /// Puts the shipped example back (via `desk init --force`).
    private func restoreExamplePolicy(_ path: String) throws {
        let dbPath = (path as NSString).deletingLastPathComponent + "/desk.sqlite"
        let r = try DeskBinary.run(["init", "--force", "--db", dbPath])
        XCTAssertEqual(r.status, 0, r.stderr)
    }
}
