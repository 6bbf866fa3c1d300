import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of a stress worker's log: a write it is about to attempt, or what became of it.
/// A write's `attempt` line is on disk before the service is called, so a write that lands
/// is never unaccounted for, even when the worker is killed before it learns the outcome.
public struct StressRecord: Codable, Sendable, Equatable {
    public enum Phase: String, Codable, Sendable {
        case attempt
        /// Committed: `version` is the ticket's version after it (when the service returns one).
        case done
        /// Refused by the service with a reason (a conflict, a lifecycle rule, a permission…).
        case refused
        /// Failed for another reason: a database error, an unexpected throw. Never acceptable.
        case error
    }

    public var worker: Int
    public var seq: Int
    public var phase: Phase
    public var op: StressOp?
    public var ticket: Int64?
    public var agent: String?
    /// The version the worker read and sent as `expectedVersion`.
    public var expected: Int?
    /// A unique text carried by the body of a reply, note or send.
    public var token: String?
    /// The target of a field change: the status, priority or assignee handle set.
    public var target: String?
    public var escalation: Int64?
    public var version: Int?
    public var message: Int64?
    /// `conflict`, `refused` (any other refusal by the service), `locked` or `error`.
    public var reason: String?
    public var detail: String?
    /// Milliseconds around the service call.
    public var ms: Double?
    /// Milliseconds the ticket took to open (its detail read) before this attempt.
    public var readMs: Double?
    /// Seconds since 1970 when the outcome was known.
    public var at: Double?

    public init(worker: Int, seq: Int, phase: Phase) {
        self.worker = worker
        self.seq = seq
        self.phase = phase
    }
}

/// An append-only log file of one worker: each record one JSON line written with one `write(2)`
/// (a killed process loses nothing already written), fsynced after every outcome.
public final class StressLogFile {
    private let fd: Int32
    private let encoder = JSONEncoder()

    public init(path: String) throws {
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DeskError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        encoder.outputFormatting = [.sortedKeys]
    }

    deinit { close(fd) }

    /// Appends one record; `durable` fsyncs it before returning.
    public func append(_ record: StressRecord, durable: Bool) {
        guard var line = try? encoder.encode(record) else { return }
        line.append(UInt8(ascii: "\n"))
        line.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
        if durable { fsync(fd) }
    }
}

/// Every record the workers of one run wrote, read back from the run folder.
public enum StressLog {
    public static func path(directory: String, worker: Int) -> String { "\(directory)/worker-\(worker).log" }

    /// The records of every `worker-N.log` in `directory`. A torn last line (a worker killed
    /// inside `write`) is skipped: if it was an attempt, the write had not been started.
    public static func read(directory: String) throws -> [StressRecord] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasPrefix("worker-") && $0.hasSuffix(".log") }
        let decoder = JSONDecoder()
        var out: [StressRecord] = []
        for name in names.sorted() {
            let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/\(name)"))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                if let r = try? decoder.decode(StressRecord.self, from: Data(line)) { out.append(r) }
            }
        }
        return out
    }
}
