import Foundation

/// A Maildir read the way mail tools read one: `new/` first, then unseen mail in `cur/`; a
/// message is marked seen (moved to `cur/NAME:2,…S`) only after its ticket is committed, so a
/// run killed at any point leaves nothing lost, and the next run's deduplication makes the
/// overlap harmless. Unreadable mail goes to `quarantine/` beside a `.reason` file.
public struct MaildirFetcher: Sendable {
    public let desk: Desk
    public let root: URL
    public var batchSize: Int

    public init(desk: Desk, path: String, batchSize: Int = Desk.importBatchSize) {
        self.desk = desk
        root = URL(fileURLWithPath: path)
        self.batchSize = max(1, batchSize)
    }

    /// Whether `path` looks like a Maildir (has new/ and cur/).
    public static func isMaildir(_ path: String) -> Bool {
        var dir: ObjCBool = false
        let fm = FileManager.default
        return fm.fileExists(atPath: path + "/new", isDirectory: &dir) && dir.boolValue
            && fm.fileExists(atPath: path + "/cur", isDirectory: &dir) && dir.boolValue
    }

    /// The messages waiting: new/ by name, then cur/ entries without the S flag.
    public func pending() throws -> [URL] {
        let fm = FileManager.default
        let new = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("new").path).filter { !$0.hasPrefix(".") }
            .sorted()
        let cur = try fm.contentsOfDirectory(atPath: root.appendingPathComponent("cur").path).filter {
            !$0.hasPrefix(".") && !Self.flags(of: $0).contains("S")
        }.sorted()
        return new.map { root.appendingPathComponent("new/" + $0) } + cur.map { root.appendingPathComponent("cur/" + $0) }
    }

    /// One pass over what is waiting. `progress` hears each committed batch. The next batch is
    /// read and parsed on another thread while this one is imported, and a committed batch's
    /// files are marked seen there too: the import is what the main thread must do alone.
    public func fetchOnce(progress: (IntakeSummary) -> Void = { _ in }) throws -> (IntakeSummary, [QuarantinedMail]) {
        var summary = IntakeSummary()
        var quarantined: [QuarantinedMail] = []
        let files = try pending()
        let batches = stride(from: 0, to: files.count, by: batchSize).map { Array(files[$0..<min(files.count, $0 + batchSize)]) }
        var next = batches.first.map(Self.readAndParse)
        var marking: Pending<Result<[QuarantinedMail], any Error>>?
        for (i, batch) in batches.enumerated() {
            let parsed = next!.wait()
            next = i + 1 < batches.count ? Self.readAndParse(batches[i + 1]) : nil
            let results = try desk.importParsed(parsed)
            for result in results { summary.add(result) }
            // Committed: only now is each message marked seen (or quarantined with its reason).
            if let marking { quarantined += try marking.wait().get() }
            marking = Pending { [self] in Result { try mark(Array(zip(batch, results))) } }
            progress(summary)
        }
        if let marking { quarantined += try marking.wait().get() }
        return (summary, quarantined)
    }

    /// Marks committed files seen, or moves the failed ones to quarantine with their reasons.
    func mark(_ files: [(URL, IntakeResult)]) throws -> [QuarantinedMail] {
        var quarantined: [QuarantinedMail] = []
        for (file, result) in files {
            if case .failed(let reason) = result {
                quarantined.append(try quarantine(file, reason: reason))
            } else {
                try markSeen(file)
            }
        }
        return quarantined
    }

    /// Reads and parses the files on a background thread; `wait()` hands the result over.
    static func readAndParse(_ files: [URL]) -> Pending<[Result<InboundMail, MailParseError>]> {
        Pending {
            Desk.parse(files.map { file in (try? Data(contentsOf: file, options: .mappedIfSafe)).map { [UInt8]($0) } ?? [] })
        }
    }

    /// The flags of a Maildir name (`…:2,FS` → "FS").
    static func flags(of name: String) -> String {
        guard let r = name.range(of: ":2,", options: .backwards) else { return "" }
        return String(name[r.upperBound...])
    }

    func markSeen(_ file: URL) throws {
        let name = file.lastPathComponent
        let base = name.range(of: ":2,", options: .backwards).map { String(name[..<$0.lowerBound]) } ?? name
        let flags = Set(Self.flags(of: name) + "S").sorted()
        let target = root.appendingPathComponent("cur/" + base + ":2," + String(flags))
        try FileManager.default.moveItem(at: file, to: target)
    }

    func quarantine(_ file: URL, reason: String) throws -> QuarantinedMail {
        let dir = root.appendingPathComponent("quarantine")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent(file.lastPathComponent)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: file, to: target)
        try Data((reason + "\n").utf8).write(to: dir.appendingPathComponent(file.lastPathComponent + ".reason"))
        return QuarantinedMail(source: "quarantine/" + file.lastPathComponent, reason: reason)
    }
}

/// A value computed on another thread, taken once with `wait()`.
final class Pending<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var value: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    func wait() -> Value {
        done.wait()
        return value!
    }
}
