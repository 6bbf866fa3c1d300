import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

/// What a stress run works on: its hot tickets, opened through the service before the workers
/// start, and each one's version and last event id at that moment (the checks count from there).
public struct StressPlan: Codable, Sendable {
    public struct Baseline: Codable, Sendable {
        public var ticket: Int64
        public var version: Int
        public var lastEvent: Int64
    }

    /// The run's name: in every token, so messages of earlier runs on the same database are told apart.
    public var run: String
    public var tickets: [Int64]
    public var baselines: [Baseline]

    /// Opens `count` hot tickets as customers would (half about billing, half technical, so
    /// both tier-1 branches and their escalation paths are in play), after closing whatever
    /// the clock says is due (so the first measured write does not do it).
    public static func prepare(_ desk: Desk, tickets count: Int, run: String) throws -> StressPlan {
        try desk.maintain()
        var ids: [Int64] = []
        for i in 0..<count {
            let billing = i % 2 == 0
            let t = try desk.createTicket(
                by: nil, customerEmail: "stress-\(run)-\(i)@customers.example",
                subject: billing
                    ? "Charged twice on the last invoice (stress \(i))" : "Calendar sync stops after the update (stress \(i))",
                channel: .email,
                body: billing
                    ? "Hello, the card was charged twice for the same invoice. Please refund one of them."
                    : "Hi, since the update the calendar no longer syncs. Nothing shows an error.",
                productArea: billing ? "billing" : "sync")
            ids.append(t.id!)
        }
        let baselines = try desk.db.read { db in
            try ids.map { id in
                let version = try Int.fetchOne(db, sql: "SELECT version FROM tickets WHERE id = ?", arguments: [id]) ?? 0
                let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM events WHERE ticketId = ?", arguments: [id]) ?? 0
                return Baseline(ticket: id, version: version, lastEvent: last)
            }
        }
        return StressPlan(run: run, tickets: ids, baselines: baselines)
    }

    public static func path(directory: String) -> String { "\(directory)/plan.json" }

    public func save(directory: String) throws {
        try JSONEncoder().encode(self).write(to: URL(fileURLWithPath: Self.path(directory: directory)))
    }

    public static func load(directory: String) throws -> StressPlan {
        let path = Self.path(directory: directory)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DeskError.cannotOpen(path: path, reason: "no such file (is this a stress run folder?)")
        }
        return try JSONDecoder().decode(StressPlan.self, from: data)
    }
}

/// The one timeline every process of a run shares: CLOCK_MONOTONIC is system-wide, so a parent's
/// deadline means the same instant in each worker, and no wall-clock step can move it.
public enum StressTime {
    public static func seconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    public static func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        usleep(useconds_t(min(seconds, 3600) * 1e6))
    }
}
