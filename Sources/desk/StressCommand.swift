import ArgumentParser
import DeskModel
import Foundation

/// `desk stress`: many agent processes writing to one database at once, some killed mid-write;
/// then the checks (docs/bench.md, "Many agents at once").
struct StressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress",
        abstract: "Run many agent processes on a few hot tickets at once, kill some, and check nothing was lost.",
        discussion: """
            Opens the hot tickets on the database (use a copy or a demo: desk demo --db /tmp/s/desk.sqlite), \
            runs one process per agent until the time is up, then checks the workers' logs against the \
            database. Exits non-zero when a check fails.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Agent processes writing at once (the demo's agents, taken in turn).") var agents = 20
    @Option(help: "How long they write, in seconds.") var seconds = 20.0
    @Option(help: "Hot tickets the agents share (few: their versions collide).") var tickets = 5
    @Option(
        name: .customLong("kill-every"),
        help: "Kill a random worker with SIGKILL this often, in seconds (0: never); a new one takes its place.")
    var killEvery = 2.0
    @Option(help: "Mean pause between one agent's writes, in milliseconds (0: back to back).") var pace = 0.0
    @Option(help: "Folder for the workers' logs (default: stress-RUN beside the database).") var dir: String?
    @Option(help: "Seed for the agents' choices (default: random).") var seed: UInt64?
    @Option(help: "Only check again the finished run in this folder (against the same database).") var recheck: String?
    @Flag(help: "Print the figures and checks as JSON.") var json = false

    func validate() throws {
        guard agents >= 1 else { throw ValidationError("--agents must be at least 1.") }
        guard seconds > 0 else { throw ValidationError("--seconds must be more than 0.") }
        guard tickets >= 1 else { throw ValidationError("--tickets must be at least 1.") }
        guard killEvery >= 0, pace >= 0 else { throw ValidationError("--kill-every and --pace cannot be negative.") }
    }

    struct Report: Codable {
        var directory: String
        var figures: StressFigures
        var checks: [StressCheckResult]
        var passed: Bool
    }

    func run() throws {
        let desk = try global.openDesk()
        if let recheck {
            try report(desk: desk, directory: recheck, info: try RunInfo.load(directory: recheck))
            return
        }
        let handles = try desk.agentListing().map(\.handle)
        guard !handles.isEmpty else { throw ValidationError("the database has no agents: run desk demo first.") }
        var random = SystemRandomNumberGenerator()
        let seed = seed ?? random.next()
        let run = String(seed % 0xFFFF_FFFF, radix: 36)
        let directory =
            dir
            ?? ((global.resolvedPath as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("stress-\(run)")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let plan = try StressPlan.prepare(desk, tickets: tickets, run: run)
        try plan.save(directory: directory)

        var forwarded = ["--db", global.resolvedPath]
        if let p = global.explicitPolicyPath { forwarded += ["--policy", p] }
        if let now = global.now { forwarded += ["--now", now] }
        let harness = StressRun(
            directory: directory, name: run, plan: plan, handles: handles, agents: agents, seconds: seconds,
            killEvery: killEvery, pace: pace, seed: seed, forwarded: forwarded)
        let outcome = try harness.run()
        let info = RunInfo(
            agents: agents, seconds: seconds, tickets: tickets, pace: pace, processes: outcome.processes,
            killed: outcome.killed.sorted(), problems: outcome.problems)
        try info.save(directory: directory)
        try report(desk: desk, directory: directory, info: info)
    }

    /// Checks the run in `directory` against the database and prints the verdict; throws on any failure.
    private func report(desk: Desk, directory: String, info: RunInfo) throws {
        let plan = try StressPlan.load(directory: directory)
        let records = try StressLog.read(directory: directory)
        let killed = Set(info.killed)
        var checks = try StressCheck(desk: desk, plan: plan, records: records, killed: killed).run()
        checks.insert(
            StressCheckResult(
                "every worker ran to the end or was killed by the harness", info.problems.isEmpty,
                info.problems.isEmpty
                    ? "\(info.processes) processes, \(killed.count) killed"
                    : info.problems.prefix(5).joined(separator: "; ")), at: 0)
        let figures = StressFigures(
            records: records, agents: info.agents, seconds: info.seconds, tickets: info.tickets, paceMs: info.pace,
            processes: info.processes, killed: killed)
        let passed = checks.allSatisfy(\.passed)
        if json {
            print(JSONTime.encode(Report(directory: directory, figures: figures, checks: checks, passed: passed)))
        } else {
            print(StressText.lines(figures, checks, directory: directory).joined(separator: "\n"))
        }
        if !passed { throw ExitCode(1) }
    }

    /// How the run went, kept in its folder so `--recheck` can judge it again later.
    struct RunInfo: Codable {
        var agents: Int
        var seconds: Double
        var tickets: Int
        var pace: Double
        var processes: Int
        var killed: [Int]
        var problems: [String]

        static func path(_ directory: String) -> String { "\(directory)/run.json" }
        func save(directory: String) throws {
            try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: Self.path(directory)))
        }
        static func load(directory: String) throws -> RunInfo {
            guard let data = FileManager.default.contents(atPath: path(directory)) else {
                throw ValidationError("\(directory) holds no finished stress run (no run.json).")
            }
            return try JSONDecoder().decode(RunInfo.self, from: data)
        }
    }
}

/// One agent process of `desk stress` (not for people: the harness starts it).
struct StressWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stress-worker", abstract: "One agent process of desk stress.", shouldDisplay: false)

    @OptionGroup var global: GlobalOptions
    @Option var dir: String
    @Option var worker: Int
    @Option(name: .customLong("run")) var runName: String
    @Option(help: "Hot ticket ids, comma-separated.") var tickets: String
    @Option var pace = 0.0
    @Option var seed: UInt64 = 1

    func run() throws {
        let log = try StressLogFile(path: StressLog.path(directory: dir, worker: worker))
        let desk: Desk
        let agent: Agent
        do {
            desk = try global.openDesk()
            agent = try global.actingAgent(desk)
        } catch {
            // Opening is part of the run: a locked database here must reach the checks too.
            log.append(StressRecord.failure(worker: worker, error, while: "opening"), durable: true)
            throw error
        }
        StressStart.markReady(directory: dir, worker: worker)
        guard let window = StressStart.wait(directory: dir, timeout: 120) else {
            throw ValidationError("no start signal in \(dir) within 120 s.")
        }
        var a = StressAgent(
            desk: desk, agent: agent, worker: worker, run: runName,
            tickets: tickets.split(separator: ",").compactMap { Int64($0) },
            log: log, pace: pace / 1000, seed: seed &+ UInt64(worker) &* 0x9E37_79B9)
        a.run(startAt: window.startAt, until: window.until)
    }
}

/// The run as text: what ran, the figures, one line per check.
enum StressText {
    static func lines(_ f: StressFigures, _ checks: [StressCheckResult], directory: String) -> [String] {
        var out = [
            "desk stress — \(f.agents) agent processes, \(fmt(f.seconds, 0)) s, \(f.tickets) hot tickets, pace \(fmt(f.paceMs, 0)) ms",
            "  \(f.processes) processes started, \(f.kills) killed with SIGKILL (\(f.killsMidWrite) mid-write); logs in \(directory)",
            "",
            "writes: \(f.done) done (\(fmt(f.donePerSecond, 0))/s), \(f.conflicts) refused as conflicts, \(f.refused) refused otherwise, \(f.failed) failed, \(f.unknown) unknown (killed mid-write)",
            "latency per write (ms): p50 \(fmt(f.latencyMs.p50, 1))  p99 \(fmt(f.latencyMs.p99, 1))  max \(fmt(f.latencyMs.max, 1))  (done only: p50 \(fmt(f.doneLatencyMs.p50, 1))  p99 \(fmt(f.doneLatencyMs.p99, 1)))",
            "opening a ticket meanwhile (ms): p50 \(fmt(f.readLatencyMs.p50, 1))  p99 \(fmt(f.readLatencyMs.p99, 1))",
        ]
        if !f.refusals.isEmpty {
            out.append("refusals other than conflicts:")
            for (reason, n) in f.refusals.sorted(by: { $0.value > $1.value }) { out.append("  \(n) × \(reason)") }
        }
        out.append("")
        out.append("checks:")
        for c in checks { out.append("  \(c.passed ? "PASS" : "FAIL")  \(c.check): \(c.detail)") }
        return out
    }

    static func fmt(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
