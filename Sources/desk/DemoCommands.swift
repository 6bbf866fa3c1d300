import ArgumentParser
import DeskModel
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Build the demo database (about 200 realistic tickets) and exit.")

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Rebuild it even if the database already exists.")
    var force = false

    func run() throws {
        let path = global.resolvedPath
        if FileManager.default.fileExists(atPath: path) {
            guard force else {
                print("\(path) already exists; use --force to rebuild it.")
                return
            }
            try DeskDatabase.checkIsDesk(path: path)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        // The demo ships its policy: the commented example, beside the database (folders made as needed).
        let policyPath = global.resolvedPolicyPath
        if !FileManager.default.fileExists(atPath: policyPath) {
            try Files.write(Data(Policy.exampleYAML.utf8), to: policyPath)
        }
        let desk = Desk(db: try DeskDatabase.open(path: path), clock: try global.clock(), policy: try global.loadPolicy())
        try DemoBuilder(desk: desk).build()
        print("Demo database written to \(path): \(DemoBuilder.ticketCount) tickets. Open it with: desk --db \(path) --agent ada")
    }
}

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Build a large synthetic corpus for benchmarks.")

    @OptionGroup var global: GlobalOptions

    @Option(help: "Number of tickets.") var tickets: Int = 100_000
    @Option(name: .customLong("messages-per-ticket"), help: "Messages in each ticket.") var messagesPerTicket: Int = 10
    @Option(help: "Random seed; the same seed builds the same corpus.") var seed: UInt64 = 1
    @Flag(help: "Replace the database if it exists.") var force = false

    func validate() throws {
        guard tickets >= 0, messagesPerTicket >= 0 else {
            throw ValidationError("--tickets and --messages-per-ticket must not be negative.")
        }
    }

    func run() throws {
        let path = global.resolvedPath
        if FileManager.default.fileExists(atPath: path) {
            guard force else { throw FileProblem(.write, path: path, reason: "it already exists; use --force to replace it") }
            try DeskDatabase.checkIsDesk(path: path)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let started = DispatchTime.now()  // elapsed time of the command, not a domain time
        let desk = Desk(db: try DeskDatabase.open(path: path), clock: try global.clock())
        try CorpusSeeder(desk: desk, tickets: tickets, messagesPerTicket: messagesPerTicket, seed: seed).run { n in
            FileHandle.standardError.write(Data("  \(n) tickets…\n".utf8))
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
        print(
            String(
                format: "Seeded %d tickets, %d messages into %@ in %.1f s (%d MB).",
                tickets, tickets * messagesPerTicket, path,
                Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9, size))
    }
}
