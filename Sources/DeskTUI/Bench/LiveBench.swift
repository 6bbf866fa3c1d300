import DeskModel
import Foundation

/// The console as it runs in a terminal (effects off its thread, the database watched), timed on
/// what it owes a team: another connection's commit → the frame that shows it, CPU while idle,
/// and key → frame while a mail command takes 10 s to deliver a reply.
public struct LiveBench {
    public let path: String
    public let agentHandle: String?
    public let width: Int
    public let height: Int

    public init(path: String, agentHandle: String?, width: Int = 120, height: Int = 40) {
        self.path = path; self.agentHandle = agentHandle; self.width = width; self.height = height
    }

    public struct Result: Codable, Sendable {
        /// Commit by another connection → the console's frame showing the new ticket version.
        public var liveRefreshMs: LatencyFigures
        /// Commits the console never showed within 2 s (should be 0).
        public var liveRefreshMissed: Int
        /// CPU time of the whole process over wall time while the console sat idle, in percent.
        public var idleCPUPercent: Double
        public var idleSeconds: Double
        /// j/k key → frame while a reply's sendmail (sleeping 10 s) was delivering.
        public var keysDuringSlowDeliveryMs: LatencyFigures
        /// The delivery was still running when the last key was timed (else the measure is void).
        public var deliveryRunningThroughout: Bool
        /// What the console said once the delivery finished.
        public var deliveryOutcome: String
    }

    public func run(clock: any DeskClock) throws -> Result {
        let (desk, agent) = try ConsoleBench.open(path, agent: agentHandle, clock: clock)
        let (keys, running, outcome) = try keysDuringSlowDelivery(desk, agent: agent, clock: clock)
        let (refresh, missed, cpu, idleSeconds) = try liveRefresh(desk, agent: agent, clock: clock)
        return Result(
            liveRefreshMs: refresh, liveRefreshMissed: missed, idleCPUPercent: cpu, idleSeconds: idleSeconds,
            keysDuringSlowDeliveryMs: keys, deliveryRunningThroughout: running, deliveryOutcome: outcome)
    }

    func console(_ desk: Desk, agent: Agent, clock: any DeskClock) -> Console {
        let state = AppState(
            width: width, height: height, agent: AgentRef(id: agent.id!, handle: agent.handle, name: agent.name),
            now: clock.now.dbSeconds, sla: desk.policy.sla, escalation: desk.policy.escalation)
        return Console(
            state: state, backend: MemoryBackend(width: width, height: height),
            runner: EffectRunner(desk: desk, agent: agent), clock: clock, mode: .background)
    }

    /// Sends a reply on an email ticket through a mail command that sleeps 10 s, then times j/k
    /// in the queue while that delivery runs. The bench thread plays the terminal's thread.
    func keysDuringSlowDelivery(_ base: Desk, agent: Agent, clock: any DeskClock) throws -> (LatencyFigures, Bool, String) {
        var policy = base.policy
        policy.mail.delivery = .sendmail(["/bin/sleep", "10"])
        policy.mail.timeoutSeconds = 30
        let desk = Desk(db: base.db, clock: base.clock, policy: policy)
        let ticket = try desk.queuePage(QueueQuery(view: .open), offset: 0, limit: 200).rows.first { $0.channel == .email }
        guard let id = ticket?.id else { throw DeskError.invalidRequest("no open email ticket to reply on") }
        let c = console(desk, agent: agent, clock: clock)
        c.start()
        c.settle()
        func type(_ text: String) { for ch in text { c.dispatch(.key(.char(ch))) } }
        c.dispatch(.key(.char(":")))
        type("open \(id)")
        c.dispatch(.key(.enter))
        c.settle()
        c.dispatch(.key(.char("r")))
        c.dispatch(.paste("Checking on this now — bench reply \(UUID().uuidString.prefix(8))."))
        c.dispatch(.key(.ctrl("s")))
        c.dispatch(.key(.enter))
        c.settle([.read, .write])
        guard c.isBusy(.mail) else {
            throw DeskError.invalidRequest("the reply's delivery did not start: \(c.state.status?.text ?? "")")
        }
        c.dispatch(.key(.tab))  // to the queue
        var ms: [Double] = []
        for i in 0..<400 {
            c.pump()
            let t = DispatchTime.now()
            c.dispatch(.key(.char(i % 40 < 20 ? "j" : "k")))
            ms.append(ConsoleBench.ms(since: t))
            usleep(10_000)  // a held key repeats ~30 times a second; here a little faster
        }
        let running = c.isBusy(.mail)
        c.settle()
        return (LatencyFigures(ms), running, c.state.status?.text ?? "")
    }

    /// The console's real loop on a thread of its own; another connection (a pool of its own on
    /// the same file, as another process has) writes a note on the open ticket, and the bench
    /// waits for the frame that shows the new version. Then the console sits idle and its CPU is read.
    func liveRefresh(_ desk: Desk, agent: Agent, clock: any DeskClock) throws -> (LatencyFigures, Int, Double, Double) {
        let other = Desk(db: try DeskDatabase.open(path: path, create: false), clock: clock, policy: desk.policy)
        let id = try desk.queuePage(QueueQuery(view: .open), offset: 0, limit: 1).rows.first?.id ?? 1
        let c = console(desk, agent: agent, clock: clock)
        c.start()
        c.dispatch(.key(.char(":")))
        for ch in "open \(id)" { c.dispatch(.key(.char(ch))) }
        c.dispatch(.key(.enter))
        c.settle()
        let shown = ShownVersion()
        c.onFrame = { state in
            if state.ticket.detail?.ticket.id == id { shown.saw(state.ticket.detail!.ticket.version) }
        }
        let stop = StopFlag()
        let box = ConsoleBox(c)
        let loop = Thread { box.console.run(shouldStop: { stop.isSet }) }
        loop.start()
        Thread.sleep(forTimeInterval: 0.5)
        var ms: [Double] = []
        var missed = 0
        for i in 0..<100 {
            Thread.sleep(forTimeInterval: Double.random(in: 0.05...0.15))
            let t = try other.note(ticket: id, body: "live refresh \(i)", by: agent)
            let committed = DispatchTime.now()
            if shown.wait(for: t.version, timeout: 2) {
                ms.append(ConsoleBench.ms(since: committed))
            } else {
                missed += 1
            }
        }
        Thread.sleep(forTimeInterval: 1)
        let idleSeconds = 5.0
        let cpu0 = Self.cpuSeconds()
        let wall0 = DispatchTime.now()
        Thread.sleep(forTimeInterval: idleSeconds)
        let cpu = (Self.cpuSeconds() - cpu0) / (ConsoleBench.ms(since: wall0) / 1000) * 100
        stop.set()
        while !loop.isFinished { usleep(10_000) }
        return (LatencyFigures(ms), missed, cpu, idleSeconds)
    }

    /// User and system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1_000_000 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

/// The newest ticket version a frame showed, and a wait for one.
private final class ShownVersion: @unchecked Sendable {
    private let condition = NSCondition()
    private var version = 0

    func saw(_ v: Int) {
        condition.lock()
        if v > version { version = v }
        condition.broadcast()
        condition.unlock()
    }

    func wait(for v: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while version < v { if !condition.wait(until: deadline) { return false } }
        return true
    }
}

/// The console handed to the thread that runs its loop; only that thread touches it from then on.
private final class ConsoleBox: @unchecked Sendable {
    let console: Console
    init(_ console: Console) { self.console = console }
}

private final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
