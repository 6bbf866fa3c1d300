import Foundation
import XCTest

/// Every error a person can reach from the command line, through the real binary: one short
/// sentence on standard error that names the file (or ticket, or agent), a non-zero exit, no
/// Foundation error text, and no usage text for a failure that is not a mistyped command.
final class CommandErrorTests: XCTestCase {
    struct BadInvocation {
        var args: [String]
        /// Text the message must contain: the file's path, the ticket, the handle.
        var names: String
        /// Words of the reason, so "cannot read X" alone (no why) fails.
        var says: String
        var stdin: String? = nil
    }

    func testEveryRuntimeErrorIsOneSentenceNamingWhatFailed() throws {
        let db = try DeskBinary.demoDatabase()
        let dir = (db as NSString).deletingLastPathComponent
        let missing = dir + "/missing"
        let plainFolder = dir + "/plain"
        try FileManager.default.createDirectory(atPath: plainFolder, withIntermediateDirectories: true)
        let textFile = dir + "/notes.txt"
        try Data("not a database, not a folder\n".utf8).write(to: URL(fileURLWithPath: textFile))
        let brokenPolicy = dir + "/broken.yaml"
        try Data("branches: [\n".utf8).write(to: URL(fileURLWithPath: brokenPolicy))
        // /dev/null is a file for everyone, root included: no folder can be made under it.
        let unwritable = "/dev/null/desk-test/desk.sqlite"
        let d = ["--db", db]

        let cases: [BadInvocation] = [
            .init(args: ["import", "--mbox", missing + "/x.mbox"] + d, names: missing + "/x.mbox", says: "no such file"),
            .init(args: ["import", "--eml", missing + "/a.eml"] + d, names: missing + "/a.eml", says: "no such file"),
            .init(args: ["import", "--mbox", plainFolder] + d, names: plainFolder, says: "is a folder"),
            .init(args: ["fetch", "--maildir", missing + "/Maildir"] + d, names: missing + "/Maildir", says: "no such folder"),
            .init(args: ["fetch", "--maildir", plainFolder] + d, names: plainFolder, says: "not a Maildir"),
            .init(args: ["fetch", "--maildir", textFile] + d, names: textFile, says: "is a file"),
            .init(args: ["intake", missing + "/chat.jsonl"] + d, names: missing + "/chat.jsonl", says: "no such file"),
            .init(args: ["intake", plainFolder] + d, names: plainFolder, says: "is a folder"),
            .init(
                args: ["template", "import", missing + "/templates"] + d, names: missing + "/templates", says: "no such folder"),
            .init(args: ["template", "import", textFile] + d, names: textFile, says: "not a folder"),
            .init(args: ["template", "export", textFile] + d, names: textFile, says: "in the way"),
            .init(args: ["template", "export", "/dev/null/templates"] + d, names: "/dev/null/templates", says: "not a folder"),
            .init(args: ["policy", "check", missing + "/policy.yaml"], names: missing + "/policy.yaml", says: "no policy file"),
            .init(args: ["policy", "check", brokenPolicy], names: brokenPolicy, says: "not valid YAML"),
            .init(args: ["policy", "check", plainFolder], names: plainFolder, says: "is a folder"),
            .init(args: ["ticket", "list", "--policy", brokenPolicy] + d, names: brokenPolicy, says: "not valid YAML"),
            .init(
                args: ["ticket", "list", "--policy", missing + "/p.yaml"] + d, names: missing + "/p.yaml", says: "no policy file"),
            .init(args: ["ticket", "show", "99999"] + d, names: "#99999", says: "no ticket"),
            .init(args: ["ticket", "note", "7", "--agent", "nobody", "--body", "hi"] + d, names: "nobody", says: "no agent"),
            .init(
                args: ["ticket", "list", "--db", missing + "/desk.sqlite"], names: missing + "/desk.sqlite", says: "no such file"),
            .init(args: ["ticket", "list", "--db", textFile], names: textFile, says: "not a desk database"),
            .init(args: ["ticket", "list", "--db", plainFolder], names: plainFolder, says: "folder"),
            .init(args: ["init", "--db", unwritable], names: "/dev/null/desk-test", says: "not a folder"),
            .init(args: ["demo", "--db", unwritable], names: "/dev/null/desk-test", says: "not a folder"),
            .init(args: ["seed", "--db", unwritable, "--tickets", "1"], names: "/dev/null/desk-test", says: "not a folder"),
            .init(args: ["seed", "--tickets", "1"] + d, names: db, says: "already exists"),
            .init(args: ["init"] + d, names: dir + "/policy.yaml", says: "already exists"),
            .init(args: ["attachment", "save", "424242", "--out", missing + "/f"] + d, names: "424242", says: "no attachment"),
        ]
        for c in cases {
            let r = try DeskBinary.run(c.args, stdin: c.stdin)
            let what = "desk \(c.args.joined(separator: " ")) said:\n\(r.stderr)"
            XCTAssertNotEqual(r.status, 0, what)
            XCTAssertNotEqual(r.status, 64, "a runtime failure is not a usage error (exit 64): \(what)")
            XCTAssertTrue(r.stderr.contains(c.names), "names \(c.names): \(what)")
            XCTAssertTrue(r.stderr.contains(c.says), "says \"\(c.says)\": \(what)")
            XCTAssertLessThanOrEqual(r.stderr.split(separator: "\n").count, 3, what)
            for raw in ["Error Domain=", "NSCocoaErrorDomain", "NSPOSIXErrorDomain", "UserInfo=", "Usage:", "Fatal error"] {
                XCTAssertFalse(r.stderr.contains(raw), "\(raw) reached the user: \(what)")
            }
        }
    }

    /// A mistyped command still gets its usage line: only runtime failures drop it.
    func testAMistypedCommandStillShowsUsage() throws {
        let r = try DeskBinary.run(["import", "--db", "/tmp/unused.sqlite"])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("give either --mbox FILE or --eml FILE"), r.stderr)
        XCTAssertTrue(r.stderr.contains("Usage:"), r.stderr)
    }

    /// A saved attachment that would overwrite a file is refused as a sentence; one saved into a
    /// folder that does not exist yet makes the folder.
    func testAttachmentSaveMakesItsFolderAndRefusesToOverwrite() throws {
        let db = try DeskBinary.demoDatabase()
        let dir = (db as NSString).deletingLastPathComponent
        let eml = dir + "/with-attachment.eml"
        try Data(
            """
            From: Kim <kim@example.com>
            To: support@desk.example
            Subject: Log attached
            Message-ID: <attach-1@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain

            The log is attached.
            --b1
            Content-Type: text/plain; name="log.txt"
            Content-Disposition: attachment; filename="log.txt"

            line one
            --b1--

            """.utf8
        ).write(to: URL(fileURLWithPath: eml))
        let imported = try DeskBinary.run(["import", "--eml", eml, "--db", db])
        XCTAssertEqual(imported.status, 0, imported.stderr)
        let target = dir + "/saved/in/here/log.txt"
        let saved = try DeskBinary.run(["attachment", "save", "1", "--out", target, "--db", db])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8).trimmingCharacters(in: .newlines), "line one")
        let again = try DeskBinary.run(["attachment", "save", "1", "--out", target, "--db", db])
        XCTAssertEqual(again.status, 1, again.stderr)
        XCTAssertEqual(again.stderr, "Error: cannot write \(target): it already exists; choose --out or add --force\n")
    }
}
