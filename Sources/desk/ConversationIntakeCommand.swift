import ArgumentParser
import DeskModel
import Foundation

/// `desk intake [FILE|-]`: chat, web-form and phone conversations as JSON lines.
struct ConversationIntakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Import chat, web-form and phone conversations from JSON lines (schema: docs/intake.md).",
        discussion: """
            One JSON object per line; each conversation (channel + conversation id) is one ticket, its messages in \
            time order. Sending a line again creates nothing new. Lines that cannot be read are listed on standard \
            error with their line number and the reason; the rest are imported; exit status 2 when there were any.
            """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "A file of JSON lines, or - (the default) for standard input.") var file: String = "-"

    func run() throws {
        let handle = file == "-" ? FileHandle.standardInput : try Files.openForReading(file)
        let desk = try global.openDesk()
        var summary = IntakeSummary()
        var failures: [(Int, String)] = []
        var batch: [(line: Int, conversation: ConversationLine)] = []
        func flush() throws {
            let results = try desk.importConversations(batch.map(\.conversation))
            for ((number, _), lineResults) in zip(batch, results) {
                for r in lineResults {
                    summary.add(r)
                    if case .failed(let reason) = r { failures.append((number, reason)) }
                }
            }
            batch.removeAll()
        }
        var number = 0
        var lines = JSONLines(handle)
        while let line = lines.next() {
            number += 1
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
            do {
                batch.append((number, try ConversationLine.parse(bytes: line)))
            } catch {
                summary.add(.failed("\(error)"))
                failures.append((number, "\(error)"))
            }
            if batch.count == Desk.importBatchSize { try flush() }
        }
        try flush()
        let source = file == "-" ? "input" : file
        for (n, reason) in failures.sorted(by: { $0.0 < $1.0 }) {
            FileHandle.standardError.write(Data("not imported: \(source) line \(n): \(reason)\n".utf8))
        }
        print(summary.description)
        // What was read is imported and counted; a read that failed part-way still fails the command.
        if let failure = lines.failure { throw FileProblem(.read, path: file == "-" ? "standard input" : file, error: failure) }
        if !failures.isEmpty { throw ExitCode(2) }
    }
}

/// The lines of a file read in blocks (a line may be long; the file may be large), as bytes:
/// each is decoded strictly when parsed (`ConversationLine.parse(bytes:)`). A read that fails
/// ends the lines and is kept in `failure`.
struct JSONLines: Sequence, IteratorProtocol {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var atEnd = false
    var failure: (any Error)?

    init(_ handle: FileHandle) { self.handle = handle }

    mutating func next() -> [UInt8]? {
        while true {
            if let nl = buffer.firstIndex(of: 10) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return buffer
            }
            // readData(ofLength:) traps on a read error; read(upToCount:) throws it.
            do {
                let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
                if chunk.isEmpty { atEnd = true } else { buffer.append(contentsOf: chunk) }
            } catch {
                failure = error
                atEnd = true
            }
        }
    }
}
