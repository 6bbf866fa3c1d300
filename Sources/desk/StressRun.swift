import DeskModel
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The processes of one `desk stress` run: starts one `desk stress-worker` per agent, fires the
/// start once all have opened the database, kills one at random with SIGKILL every `killEvery`
/// seconds (a new one takes its place and its agent), and waits for the rest to finish.
struct StressRun {
    let directory: String
    /// The run's name, in every token its workers write.
    let name: String
    let plan: StressPlan
    let handles: [String]
    let agents: Int
    let seconds: Double
    let killEvery: Double
    let pace: Double
    let seed: UInt64
    /// `--db`, `--policy`, `--now` as the parent got them.
    let forwarded: [String]

    struct Outcome {
        var processes: Int
        var killed: Set<Int>
        /// Workers that exited otherwise than normally, or never started; a late start.
        var problems: [String]
    }

    private final class Worker {
        let id: Int
        let handle: String
        let process: Process
        var killed = false
        init(id: Int, handle: String, process: Process) { self.id = id; self.handle = handle; self.process = process }
    }

    /// How long the workers may take to open the database before the run starts without the stragglers.
    static let startupTimeout = 60.0

    func run() throws -> Outcome {
        var workers: [Worker] = []
        var problems: [String] = []
        for i in 0..<agents { workers.append(try spawn(id: i, handle: handles[i % handles.count])) }

        let waitUntil = StressTime.seconds() + Self.startupTimeout
        while StressStart.readyCount(directory: directory) < agents && StressTime.seconds() < waitUntil {
            if workers.contains(where: { !$0.process.isRunning }) { break }  // one died opening: no point waiting
            StressTime.sleep(seconds: 0.02)
        }
        let ready = StressStart.readyCount(directory: directory)
        if ready < agents { problems.append("only \(ready) of \(agents) workers opened the database in time") }
        let startAt = StressTime.seconds() + 0.2
        let until = startAt + seconds
        try StressStart.fire(directory: directory, startAt: startAt, until: until)

        var random = SeededRandom(seed: seed ^ 0x5DEE_CE66)
        var next = agents
        if killEvery > 0 {
            var killAt = startAt + killEvery
            // No kill in the last half second: a replacement must have time to write something.
            while killAt < until - 0.5 {
                StressTime.sleep(seconds: killAt - StressTime.seconds())
                let live = workers.filter { !$0.killed && $0.process.isRunning }
                if !live.isEmpty {
                    let victim = live[Int(random.next() % UInt64(live.count))]
                    kill(victim.process.processIdentifier, SIGKILL)
                    victim.killed = true
                    workers.append(try spawn(id: next, handle: victim.handle))
                    next += 1
                }
                killAt += killEvery
            }
        }

        // Everyone stops at `until`; one still running 60 s later is stuck.
        let deadline = until + 60
        for w in workers {
            while w.process.isRunning && StressTime.seconds() < deadline { StressTime.sleep(seconds: 0.02) }
            if w.process.isRunning {
                kill(w.process.processIdentifier, SIGKILL)
                problems.append("worker \(w.id) (\(w.handle)) still running 60 s after the end: killed")
                w.process.waitUntilExit()
                continue
            }
            w.process.waitUntilExit()
            if w.killed { continue }
            if w.process.terminationReason != .exit || w.process.terminationStatus != 0 {
                let how =
                    w.process.terminationReason == .exit
                    ? "exited with status \(w.process.terminationStatus)" : "died of signal \(w.process.terminationStatus)"
                let err = (try? String(contentsOfFile: errorPath(w.id), encoding: .utf8)) ?? ""
                let last = err.split(separator: "\n").last.map { ": \($0)" } ?? ""
                problems.append("worker \(w.id) (\(w.handle)) \(how)\(last)")
            }
        }
        return Outcome(processes: workers.count, killed: Set(workers.filter(\.killed).map(\.id)), problems: problems)
    }

    private func errorPath(_ id: Int) -> String { "\(directory)/worker-\(id).err" }

    private func spawn(id: Int, handle: String) throws -> Worker {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.executable)
        p.arguments =
            ["stress-worker"] + forwarded + [
                "--agent", handle, "--dir", directory, "--worker", String(id), "--run", name,
                "--tickets", plan.tickets.map(String.init).joined(separator: ","), "--pace", String(pace), "--seed", String(seed),
            ]
        _ = FileManager.default.createFile(atPath: errorPath(id), contents: nil)
        p.standardError = FileHandle(forWritingAtPath: errorPath(id))
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        return Worker(id: id, handle: handle, process: p)
    }

    /// This very binary: the workers are the same build as the harness.
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
