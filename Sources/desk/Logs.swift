import Foundation
import Logging

/// Logs go to `desk.log` beside the database, never to the terminal the console draws on.
enum Logs {
    static func bootstrap(besides dbPath: String) {
        let dir = (dbPath as NSString).deletingLastPathComponent
        let path = (dir.isEmpty ? "." : dir) + "/desk.log"
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, path: path) }
    }
}

/// Appends one line per log record to a file. swift-log ships only stdout/stderr handlers.
struct FileLogHandler: LogHandler {
    let label: String
    let path: String
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        let meta = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // Log lines carry the wall time they were written, even under --now.
        let line = "\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)\(meta)\n"
        guard
            let handle = FileHandle(forWritingAtPath: path)
                ?? {
                    _ = FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
