import DeskModel
import Foundation
import XCTest

/// Mail intake through the real binary: a fetch killed mid-batch loses nothing and imports each
/// mail once; mail delivered to a Maildir shows in a running console, the reply threaded.
final class IntakeEndToEndTests: XCTestCase {
    func sql(_ db: String, _ query: String) throws -> String {
        try DeskBinary.shell("sqlite3 '\(db)' \"\(query)\"").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".") }
    }

    func testAFetchKilledMidBatchLosesNothingAndImportsEachMailOnce() throws {
        let db = try DeskBinary.demoDatabase()
        let maildir = URL(fileURLWithPath: db).deletingLastPathComponent().path + "/maildir"
        let total = 2_000
        try MailCorpus(count: total, seed: 11).writeMaildir(maildir)
        let pid = try DeskBinary.shell(
            "'\(DeskBinary.path)' fetch --db '\(db)' --maildir '\(maildir)' --batch 40 >/dev/null 2>&1 & echo $!"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        // Kill it once some batches are committed and marked seen, well before the end.
        let deadline = Date().addingTimeInterval(60)
        while files(maildir + "/cur").count < 200 && Date() < deadline { usleep(20_000) }
        _ = try DeskBinary.shell("kill -9 \(pid)")
        usleep(100_000)
        let seenAtKill = files(maildir + "/cur").count
        XCTAssertGreaterThan(seenAtKill, 0)
        XCTAssertLessThan(seenAtKill, total, "the fetch was killed mid-way")

        let again = try DeskBinary.run(["fetch", "--db", db, "--maildir", maildir])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.contains("0 quarantined"), again.stdout)
        XCTAssertEqual(files(maildir + "/new"), [])
        let cur = files(maildir + "/cur")
        XCTAssertEqual(cur.count, total)
        XCTAssertTrue(cur.allSatisfy { $0.hasSuffix(":2,S") }, "every message is marked seen")
        let counts = try sql(
            db, "SELECT count(*), count(DISTINCT messageIdHeader) FROM messages WHERE messageIdHeader LIKE '<m%.11@%'")
        XCTAssertEqual(counts, "\(total)|\(total)", "each mail imported exactly once")
        // A third run finds nothing to do.
        let third = try DeskBinary.run(["fetch", "--db", db, "--maildir", maildir])
        XCTAssertTrue(third.stdout.contains("Imported 0 of 0"), third.stdout)
    }

    func testMailDeliveredToAMaildirShowsInTheConsoleWithTheReplyThreaded() throws {
        let db = try DeskBinary.demoDatabase()
        let maildir = URL(fileURLWithPath: db).deletingLastPathComponent().path + "/maildir"
        for sub in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true)
        }
        func deliver(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: maildir + "/new/" + name))
        }
        try deliver(
            "1.e2e",
            """
            From: =?UTF-8?Q?Nora_Qui=C3=B1n?= <nora@quinn.example>
            To: support@desk.example
            Subject: Scanner integration drops pages
            Date: Sat, 21 Nov 2026 09:30:00 +0000
            Message-ID: <e2e-1@quinn.example>
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            Every third page is missing after the upload. Gr=FC=DFe, Nora

            """)
        var r = try DeskBinary.run(["fetch", "--db", db, "--maildir", maildir, "--now", "2026-11-21T10:00:00Z"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Imported 1 of 1: 1 new ticket"), r.stdout)
        let id = try sql(db, "SELECT max(id) FROM tickets")

        let t = try launchConsole(db, width: 100, height: 30, agent: "chloe", now: "2026-11-21T10:05:00Z")
        try openTicket(id, in: t)
        // "Grüße": quoted-printable Latin-1, decoded.
        try t.waitFor(all: [
            "Scanner integration drops pages", "▶ #1 Nora Quiñn", "email ·",
            "Every third page is missing after the upload.", "Grüße, Nora",
        ])

        // The customer answers our question; the reply quotes it. The console shows it live, threaded.
        try deliver(
            "2.e2e",
            """
            From: Nora Quinn <nora@quinn.example>
            To: support@desk.example
            Subject: Re: Scanner integration drops pages
            Date: Sat, 21 Nov 2026 10:01:00 +0000
            Message-ID: <e2e-2@quinn.example>
            In-Reply-To: <e2e-1@quinn.example>
            References: <e2e-1@quinn.example>

            Here is the scanner log you asked for.

            On Sat, 21 Nov 2026 at 09:45, Desk Support <support@desk.example> wrote:
            > Could you send us the scanner log?
            > Thanks

            """)
        r = try DeskBinary.run(["fetch", "--db", db, "--maildir", maildir, "--now", "2026-11-21T10:06:00Z"])
        XCTAssertTrue(r.stdout.contains("1 threaded"), r.stdout)
        let screen = try t.waitFor(all: ["Here is the scanner log you asked for.", "▸ 3 quoted lines folded (x expands)"])
        XCTAssertFalse(screen.contains("Could you send us the scanner log?"), screen)
        try t.press("x")
        try t.waitFor("Could you send us the scanner log?")
        XCTAssertEqual(try sql(db, "SELECT count(*) FROM tickets WHERE subject LIKE '%Scanner%'"), "1", "no stray ticket")
        try t.press("q")
    }
}
