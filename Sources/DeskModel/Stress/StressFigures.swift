import Foundation

/// What a stress run measured, from the workers' logs: writes per second, and the latency of
/// one write as its worker timed it around the service call (lock wait included).
public struct StressFigures: Codable, Sendable {
    public struct Latency: Codable, Sendable {
        public var samples: Int
        public var p50: Double
        public var p99: Double
        public var max: Double

        init(_ ms: [Double]) {
            let s = ms.sorted()
            samples = s.count
            func pct(_ p: Double) -> Double { s.isEmpty ? 0 : s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded(.up)))] }
            p50 = pct(0.5)
            p99 = pct(0.99)
            max = s.last ?? 0
        }
    }

    public var agents: Int
    public var seconds: Double
    public var tickets: Int
    public var paceMs: Double
    public var processes: Int
    public var kills: Int
    /// Kills that caught a write between its attempt and its outcome.
    public var killsMidWrite: Int
    public var done: Int
    public var conflicts: Int
    public var refused: Int
    public var failed: Int
    public var unknown: Int
    public var donePerSecond: Double
    /// Done and refused: each took the write lock.
    public var attemptsPerSecond: Double
    /// Every write that reached an outcome (done or refused).
    public var latencyMs: Latency
    public var doneLatencyMs: Latency
    /// Opening a ticket (its detail, as the console loads it) while the others write.
    public var readLatencyMs: Latency
    /// The most frequent refusals other than conflicts, numbers folded (`ticket #N is …`).
    public var refusals: [String: Int]

    public init(
        records: [StressRecord], agents: Int, seconds: Double, tickets: Int, paceMs: Double, processes: Int, killed: Set<Int>
    ) {
        let (writes, _) = StressWrite.pair(records)
        let outcomes = writes.compactMap(\.outcome)
        let done = outcomes.filter { $0.phase == .done }
        let refused = outcomes.filter { $0.phase == .refused }
        self.agents = agents
        self.seconds = seconds
        self.tickets = tickets
        self.paceMs = paceMs
        self.processes = processes
        kills = killed.count
        unknown = writes.filter { $0.outcome == nil }.count
        killsMidWrite = Set(writes.filter { $0.outcome == nil && killed.contains($0.attempt.worker) }.map(\.attempt.worker)).count
        self.done = done.count
        conflicts = refused.filter { $0.reason == "conflict" }.count
        self.refused = refused.count - conflicts
        failed = outcomes.filter { $0.phase == .error }.count
        donePerSecond = seconds > 0 ? Double(done.count) / seconds : 0
        attemptsPerSecond = seconds > 0 ? Double(done.count + refused.count) / seconds : 0
        latencyMs = Latency((done + refused).compactMap(\.ms))
        doneLatencyMs = Latency(done.compactMap(\.ms))
        readLatencyMs = Latency(writes.compactMap(\.attempt.readMs))
        var reasons: [String: Int] = [:]
        for r in refused where r.reason != "conflict" {
            let text = (r.detail ?? "?").replacingOccurrences(of: "[0-9]+", with: "N", options: .regularExpression)
            reasons[text, default: 0] += 1
        }
        refusals = Dictionary(uniqueKeysWithValues: reasons.sorted { $0.value > $1.value }.prefix(6).map { ($0.key, $0.value) })
    }
}
