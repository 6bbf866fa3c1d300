import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// Hands a composed message to the system: a sendmail-compatible command or a Maildir.
enum MailDelivery {
    /// Delivers `raw`; throws with what went wrong. A sendmail command gets `timeout` seconds.
    static func deliver(_ raw: String, via delivery: MailPolicy.Delivery, timeout: Int, databaseDirectory: String) throws {
        switch delivery {
        case .sendmail(let argv): try runSendmail(argv, input: raw, timeout: timeout)
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
            "\(Int(Date().timeIntervalSince1970)).P\(getpid())Q\(counter).\(String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).replacingOccurrences(of: "/", with: "_"))"
        let tmp = dir + "/tmp/" + name
        guard fm.createFile(atPath: tmp, contents: Data(raw.utf8)) else {
            throw DeskError.invalidRequest("cannot write \(tmp)")
        }
        guard rename(tmp, dir + "/new/" + name) == 0 else {
            throw DeskError.invalidRequest("cannot move the message into \(dir)/new: \(String(cString: strerror(errno)))")
        }
    }

    /// Runs the command (an argument list, no shell) with the message on standard input. A
    /// non-zero exit is a failure reported with what the command wrote to standard error; one
    /// still running after `timeout` seconds is killed and reported so.
    static func runSendmail(_ argv: [String], input: String, timeout: Int) throws {
        // The message reaches the command from an unlinked temporary file, not a pipe desk writes
        // into: a command that exits without reading it all then costs nothing (through a pipe,
        // swift-subprocess 1.0.2 stops the process with "FileDescriptor was not closed").
        let message = try messageFile(input)
        let outcome = try blocking { () async throws -> SendmailOutcome in
            try await withThrowingTaskGroup(of: SendmailOutcome?.self) { group in
                group.addTask {
                    let r = try await run(
                        .path(FilePath(argv[0])), arguments: Arguments(Array(argv.dropFirst())),
                        input: .fileDescriptor(FileDescriptor(rawValue: message), closeAfterSpawningProcess: true),
                        output: .discarded, error: .string(limit: 2_000))
                    return .finished(r.terminationStatus, r.standardError)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout) * 1_000_000_000)
                    return nil
                }
                // The first to finish decides; cancelling the run stops the command.
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first ?? .timedOut
            }
        }
        switch outcome {
        case .timedOut:
            throw DeskError.invalidRequest("\(argv[0]) did not finish within \(timeout) s and was stopped")
        case .finished(let status, let stderr):
            let why = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            switch status {
            case .exited(0): return
            case .exited(let code):
                throw DeskError.invalidRequest("\(argv[0]) exited with status \(code)\(why.isEmpty ? "" : ": \(why)")")
            case .signaled(let signal):
                throw DeskError.invalidRequest("\(argv[0]) was killed by signal \(signal)\(why.isEmpty ? "" : ": \(why)")")
            }
        }
    }

    /// The message in a temporary file already unlinked, read from its start.
    static func messageFile(_ text: String) throws -> Int32 {
        var template = Array((NSTemporaryDirectory() + "desk-mail-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { throw DeskError.invalidRequest("cannot stage the message: \(String(cString: strerror(errno)))") }
        unlink(template)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else {
                close(fd)
                throw DeskError.invalidRequest("cannot stage the message: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(n)
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    enum SendmailOutcome: Sendable {
        case finished(TerminationStatus, String)
        case timedOut
    }

    /// Waits on this thread for async work (delivery runs on a worker thread or the CLI's main
    /// thread, never on a cooperative-pool thread, so blocking here starves nothing).
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }
}
