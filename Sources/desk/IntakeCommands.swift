import ArgumentParser
import DeskModel
import Foundation

/// `desk fetch --maildir PATH [--watch]`: mail from a Maildir into tickets.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Import mail from a Maildir (new/, then unseen cur/); each is marked seen once its ticket is saved.",
        discussion: "Exit status 0 when every message was imported or was a duplicate, 2 when some were quarantined.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The Maildir to read (holds new/ and cur/).") var maildir: String
    @Flag(help: "Keep polling the Maildir until interrupted.") var watch = false
    @Option(help: "Seconds between polls with --watch.") var interval: Double = 5
    @Option(help: .hidden) var batch: Int = Desk.importBatchSize

    func run() throws {
        guard MaildirFetcher.isMaildir(maildir) else {
            let reason =
                Files.isFolder(maildir)
                ? "not a Maildir (it needs new/ and cur/ folders)"
                : FileManager.default.fileExists(atPath: maildir) ? "it is a file, not a Maildir folder" : "no such folder"
            throw FileProblem(.read, path: maildir, reason: reason)
        }
        let desk = try global.openDesk()
        let fetcher = MaildirFetcher(desk: desk, path: maildir, batchSize: batch)
        var anyQuarantined = false
        repeat {
            let (summary, quarantined) = try fetcher.fetchOnce()
            for q in quarantined { FileHandle.standardError.write(Data("quarantined \(q.source): \(q.reason)\n".utf8)) }
            anyQuarantined = anyQuarantined || !quarantined.isEmpty
            if summary.total > 0 || !watch { print(summary.description) }
            if watch { Thread.sleep(forTimeInterval: max(0.2, interval)) }
        } while watch
        if anyQuarantined { throw ExitCode(2) }
    }
}

/// `desk import --mbox FILE` / `desk import --eml FILE…`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import mail from an mbox file or .eml files (the same mail twice creates nothing new).",
        discussion: "Messages that cannot be read are listed with the reason; exit status 2 when there were any.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "An mbox file.") var mbox: String?
    @Option(help: "mbox flavour: mboxrd (default) or mboxo (how >From lines are unquoted).")
    var mboxFormat: String = "mboxrd"
    @Option(parsing: .upToNextOption, help: "One or more .eml files.") var eml: [String] = []

    func run() throws {
        guard (mbox != nil) != !eml.isEmpty else { throw ValidationError("give either --mbox FILE or --eml FILE…") }
        guard let format = Mbox.Format(rawValue: mboxFormat) else {
            throw ValidationError("--mbox-format is mboxrd or mboxo, not \(mboxFormat)")
        }
        let desk = try global.openDesk()
        var sources: [(String, [UInt8])] = []
        if let mbox {
            let data = try Files.read(mbox)
            sources = Mbox.split([UInt8](data), format: format).enumerated().map {
                ("\(mbox) message \($0.offset + 1) (line \($0.element.line))", $0.element.bytes)
            }
        } else {
            for path in eml {
                sources.append((path, [UInt8](try Files.read(path))))
            }
        }
        var summary = IntakeSummary()
        var failures: [(String, String)] = []
        var start = 0
        while start < sources.count {
            let batch = Array(sources[start..<min(sources.count, start + Desk.importBatchSize)])
            start += batch.count
            for ((name, _), result) in zip(batch, try desk.importRaw(batch.map { (name: $0.0, bytes: $0.1) })) {
                summary.add(result)
                if case .failed(let reason) = result { failures.append((name, reason)) }
            }
        }
        for (name, reason) in failures { FileHandle.standardError.write(Data("not imported: \(name): \(reason)\n".utf8)) }
        print(summary.description)
        if !failures.isEmpty { throw ExitCode(2) }
    }
}

/// `desk attachment list N` / `desk attachment save ID`.
struct AttachmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attachment", abstract: "Files that came with mail: list a ticket's, save one.",
        subcommands: [List.self, Save.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A ticket's attachments.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Ticket number.") var ticket: Int64
        @Flag(help: "Print JSON.") var json = false
        func run() throws {
            let files = try global.openDesk().attachments(ticket: ticket)
            if json {
                print(JSONTime.encode(files))
                return
            }
            for f in files {
                print(
                    "\(String(f.id).leftPadded(6))  \(Plain.line(f.name))  \(f.contentType)  \(f.size) bytes  (message \(f.messageId))"
                )
            }
            print(files.isEmpty ? "#\(ticket) has no attachments." : "\(files.count) attachment(s).")
        }
    }

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write an attachment to a file (never over an existing one).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Attachment id (from desk attachment list).") var id: Int64
        @Option(help: "Where to write it (default: its own name, in this folder).") var out: String?
        @Flag(help: "Replace the file if it exists.") var force = false
        func run() throws {
            let (info, data) = try global.openDesk().attachment(id)
            let path = out ?? Desk.safeFileName(info.name)
            if FileManager.default.fileExists(atPath: path) && !force {
                throw FileProblem(.write, path: path, reason: "it already exists; choose --out or add --force")
            }
            try Files.write(data, to: path)
            print("Saved \(Plain.line(info.name)) (\(data.count) bytes) to \(path).")
        }
    }
}
