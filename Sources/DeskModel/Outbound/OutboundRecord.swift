import Foundation
import GRDB

/// A composed reply in the outbound queue: queued, failed (with the error) or sent.
public struct OutboundRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var ticketId: Int64
    public var messageId: Int64
    public var state: String
    public var recipient: String
    public var messageIdHeader: String
    public var raw: String
    public var attempts: Int
    public var lastError: String?
    public var createdAt: Int64
    public var updatedAt: Int64
    public var sentAt: Int64?
    public static let databaseTableName = "outbound"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// Hands a composed message to the system: a sendmail-compatible command or a Maildir.
/// Hand-written on posix_spawn (an argument list, no shell) because no listed package spawns
/// a process with standard input on Linux reliably here.
enum MailDelivery {
    /// Delivers `raw`; throws with what went wrong.
    static func deliver(_ raw: String, via delivery: MailPolicy.Delivery, databaseDirectory: String) throws {
        switch delivery {
        case .sendmail(let argv): try runSendmail(argv, input: raw)
        case .outbox(let dir):
            let path = dir.hasPrefix("/") ? dir : (databaseDirectory as NSString).appendingPathComponent(dir)
            try writeMaildir(raw, to: path)
        }
    }

    nonisolated(unsafe) private static var counter = 0

    /// Maildir delivery: write into tmp/, then rename into new/ (readers never see half a message).
    static func writeMaildir(_ raw: String, to dir: String) throws {
        let fm = FileManager.default
        for sub in ["tmp", "new", "cur"] {
            try fm.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        counter += 1
        var host = [CChar](repeating: 0, count: 256)
        gethostname(&host, 255)
        let name =
            "\(Int(Date().timeIntervalSince1970)).P\(getpid())Q\(counter).\(String(cString: host).replacingOccurrences(of: "/", with: "_"))"
        let tmp = dir + "/tmp/" + name
        guard fm.createFile(atPath: tmp, contents: Data(raw.utf8)) else {
            throw DeskError.invalidRequest("cannot write \(tmp)")
        }
        guard rename(tmp, dir + "/new/" + name) == 0 else {
            throw DeskError.invalidRequest("cannot move the message into \(dir)/new: \(String(cString: strerror(errno)))")
        }
    }

    /// Runs the command with the message on standard input; a non-zero exit is a failure
    /// reported with what the command wrote to standard error.
    static func runSendmail(_ argv: [String], input: String) throws {
        var stdinPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&stdinPipe) == 0, pipe(&errPipe) == 0 else { throw DeskError.invalidRequest("cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        for fd in stdinPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }
        var pid: pid_t = 0
        let cargs = argv.map { strdup($0) } + [nil]
        defer { for a in cargs { free(a) } }
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cargs, environ)
        close(stdinPipe[0])
        close(errPipe[1])
        guard rc == 0 else {
            close(stdinPipe[1])
            close(errPipe[0])
            throw DeskError.invalidRequest("cannot run \(argv[0]): \(String(cString: strerror(rc)))")
        }
        signal(SIGPIPE, SIG_IGN)
        let bytes = Array(input.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBufferPointer { write(stdinPipe[1], $0.baseAddress, $0.count) }
            if n <= 0 { break }
            written += n
        }
        close(stdinPipe[1])
        var errText = [UInt8]()
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(errPipe[0], &buf, buf.count)
            if n <= 0 { break }
            if errText.count < 2000 { errText += buf[0..<n] }
        }
        close(errPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let why = String(decoding: errText, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let how = exited ? "exited with status \(code)" : "was killed by signal \(status & 0x7f)"
            throw DeskError.invalidRequest("\(argv[0]) \(how)\(why.isEmpty ? "" : ": \(why)")")
        }
        if written < bytes.count {
            throw DeskError.invalidRequest("\(argv[0]) stopped reading the message after \(written) of \(bytes.count) bytes")
        }
    }
}
