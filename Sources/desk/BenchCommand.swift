import ArgumentParser
import DeskModel
import DeskTUI
import Foundation

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the console on a database: cold start, key → frame, queue SQL vs the sqlite3 shell, peak RSS.",
        discussion: "Build a large corpus first: desk seed --db bench.sqlite --tickets 100000 --messages-per-ticket 10")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the figures as JSON.") var json = false
    @Option(help: "Terminal width of the headless screen.") var width = 120
    @Option(help: "Terminal height of the headless screen.") var height = 40

    struct Report: Codable {
        var database: String
        var tickets: Int
        var coldStartMs: Double
        var keyToFrameMs: [String: LatencyFigures]
        var queuePageInProcessMs: LatencyFigures
        var queuePageSqlite3ShellMs: Double?
        var queuePageRatio: Double?
        var peakRSSMB: Double
        var budgets: [String: Double]
    }

    func run() throws {
        let bench = ConsoleBench(path: global.resolvedPath, agentHandle: global.agent, width: width, height: height)
        let r = try bench.run(clock: try global.clock())
        let shell = Self.sqlite3ShellMedianMs(path: global.resolvedPath, sql: bench.queuePageSQL())
        let report = Report(database: global.resolvedPath, tickets: r.tickets, coldStartMs: r.coldStartMs,
                            keyToFrameMs: r.keys, queuePageInProcessMs: r.queuePageInProcessMs,
                            queuePageSqlite3ShellMs: shell, queuePageRatio: shell.map { r.queuePageInProcessMs.p50 / max($0, 0.001) },
                            peakRSSMB: r.peakRSSMB,
                            budgets: ["coldStartMs": 150, "keyToFrameP99Ms": 5, "peakRSSMB": 64, "queuePageRatio": 1.5])
        if json { print(JSONTime.encode(report)); return }
        print("desk bench — \(report.database), \(report.tickets) tickets, \(width)x\(height) headless\n")
        print(String(format: "%-22@ %10@ %10@ %10@ %8@", "measure", "p50 ms", "p99 ms", "max ms", "budget"))
        print(String(format: "%-22@ %10.2f %10@ %10@ %8@", "cold start → frame", r.coldStartMs, "", "", "150"))
        for (name, f) in r.keys.sorted(by: { $0.key < $1.key }) {
            print(String(format: "%-22@ %10.3f %10.3f %10.3f %8@", "key " + name, f.p50, f.p99, f.max, "p99 5"))
        }
        let q = r.queuePageInProcessMs
        print(String(format: "%-22@ %10.3f %10.3f %10.3f", "queue page SQL (desk)", q.p50, q.p99, q.max))
        if let shell {
            print(String(format: "%-22@ %10.3f %10@ %10@ %8@", "queue page (sqlite3)", shell, "", "", ""))
            print(String(format: "%-22@ %10.2f× %9@ %10@ %8@", "ratio desk/sqlite3", q.p50 / max(shell, 0.001), "", "", "1.5×"))
        } else {
            print("queue page (sqlite3)   sqlite3 shell not found")
        }
        print(String(format: "%-22@ %10.1f MB %7@ %10@ %8@", "peak RSS", r.peakRSSMB, "", "", "64 MB"))
    }

    /// Runs the same SQL 50 times in the sqlite3 shell with `.timer on` and takes the median.
    static func sqlite3ShellMedianMs(path: String, sql: String) -> Double? {
        let script = ".timer on\n.output /dev/null\n" + String(repeating: sql + ";\n", count: 50)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["sqlite3", "-readonly", path]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = output
        do { try p.run() } catch { return nil }
        input.fileHandleForWriting.write(Data(script.utf8))
        try? input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        let times = text.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ").first ?? "").map { $0 * 1000 }
        }.sorted()
        return times.isEmpty ? nil : times[times.count / 2]
    }
}
