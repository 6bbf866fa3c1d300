import Foundation
import Glibc

/// A Maildir read the way mail tools read one: `new/` first, then unseen mail in `cur/`; a
/// message is marked seen (moved to `cur/NAME:2,…S`) only after its ticket is committed, so a
/// run killed at any point leaves nothing lost, and the next run's deduplication makes the
/// overlap harmless. Unreadable mail goes to `quarantine/` beside a `.reason` file.
public struct MaildirFetcher: Sendable {
    public let desk: Desk
    /// The Maildir's path. Files are handled by path and `rename(2)`: `URL` building and
    /// `FileManager.moveItem` cost more than the rename itself when marking 100,000 mails.
    public let root: String
    public var batchSize: Int

    public init(desk: Desk, path: String, batchSize: Int = Desk.importBatchSize) {
        self.desk = desk
        root = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        self.batchSize = max(1, batchSize)
    }

    /// Whether `path` looks like a Maildir (has new/ and cur/).
    public static func isMaildir(_ path: String) -> Bool {
        var dir: ObjCBool = false
        let fm = FileManager.default
        return fm.fileExists(atPath: path + "/new", isDirectory: &dir) && dir.boolValue
            && fm.fileExists(atPath: path + "/cur", isDirectory: &dir) && dir.boolValue
    }

    /// The messages waiting (paths): new/ by name, then cur/ entries without the S flag.
    public func pending() throws -> [String] {
        let fm = FileManager.default
        let new = try fm.contentsOfDirectory(atPath: root + "/new").filter { !$0.hasPrefix(".") }.sorted()
        let cur = try fm.contentsOfDirectory(atPath: root + "/cur").filter {
            !$0.hasPrefix(".") && !Self.flags(of: $0).contains("S")
        }.sorted()
        return new.map { root + "/new/" + $0 } + cur.map { root + "/cur/" + $0 }
    }

    /// One pass over what is waiting. `progress` hears each committed batch. The next batch is
    /// read and parsed on another thread while this one is imported, and a committed batch's
    /// files are marked seen there too: the import is what the main thread must do alone.
    public func fetchOnce(progress: (IntakeSummary) -> Void = { _ in }) throws -> (IntakeSummary, [QuarantinedMail]) {
        var summary = IntakeSummary()
        var quarantined: [QuarantinedMail] = []
        let files = try pending()
        let batches = stride(from: 0, to: files.count, by: batchSize).map { Array(files[$0..<min(files.count, $0 + batchSize)]) }
        var next = batches.first.map(readAndParse)
        var marking: Pending<Result<[QuarantinedMail], any Error>>?
        let memo = ImportMemo()
        for (i, batch) in batches.enumerated() {
            let parsed = next!.wait()
            next = i + 1 < batches.count ? readAndParse(batches[i + 1]) : nil
            let results = try desk.importParsed(parsed, memo: memo)
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
    func mark(_ files: [(String, IntakeResult)]) throws -> [QuarantinedMail] {
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
    func readAndParse(_ files: [String]) -> Pending<[Result<PreparedMail, MailParseError>]> {
        Pending { [desk] in
            desk.prepare(files.map { file in Self.read(file) ?? [] })
        }
    }

    /// A file's bytes with open(2)/read(2): `FileManager.contents(atPath:)` cost as much as
    /// parsing the mail. Nil when it cannot be read (the mail is then quarantined as empty).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, 4_096)) }
            let n = bytes.withUnsafeMutableBytes { buffer in Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return nil }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }

    /// The flags of a Maildir name (`…:2,FS` → "FS").
    static func flags(of name: String) -> String {
        String(split(name).flags)
    }

    /// A Maildir name's unique part and its flags (`1795.M1P2:2,FS` → ("1795.M1P2", "FS")).
    static func split(_ name: String) -> (base: Substring, flags: Substring) {
        let u = name.utf8
        var i = u.endIndex
        while i > u.startIndex {
            i = u.index(before: i)
            guard u[i] == UInt8(ascii: ":") else { continue }
            let rest = name[i...].utf8.dropFirst()
            if rest.starts(with: "2,".utf8) { return (name[..<i], Substring(rest.dropFirst(2))) }
            break
        }
        return (Substring(name), "")
    }

    /// The file's last path component.
    static func fileName(_ path: String) -> Substring {
        path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.utf8.index(after: $0)...] } ?? Substring(path)
    }

    func markSeen(_ file: String) throws {
        let (base, flags) = Self.split(String(Self.fileName(file)))
        let seen = flags.contains("S") ? String(flags) : String((flags + "S").sorted())
        try Self.rename(file, to: root + "/cur/" + base + ":2," + seen)
    }

    func quarantine(_ file: String, reason: String) throws -> QuarantinedMail {
        let dir = root + "/quarantine"
        let name = String(Self.fileName(file))
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.rename(file, to: dir + "/" + name)
        try Data((reason + "\n").utf8).write(to: URL(fileURLWithPath: dir + "/" + name + ".reason"))
        return QuarantinedMail(source: "quarantine/" + name, reason: reason)
    }

    /// `rename(2)`: atomic, and replaces a file already at `target` (a quarantined name seen again).
    static func rename(_ from: String, to target: String) throws {
        guard Glibc.rename(from, target) == 0 else {
            throw DeskError.invalidRequest("cannot move \(from) to \(target): \(String(cString: strerror(errno)))")
        }
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
