import GRDB

/// A ticket's SLA as stored with it: enough for the queue and the board to count down the
/// nearest deadline in its own time without evaluating the ticket.
public struct StoredSLA: Sendable, Equatable, Codable {
    public var policy: String?
    public var dueAt: Int64?
    public var warnAt: Int64?
    public var paused: Bool
    public var target: SLAKind?

    public init(policy: String? = nil, dueAt: Int64? = nil, warnAt: Int64? = nil, paused: Bool = false, target: SLAKind? = nil) {
        self.policy = policy; self.dueAt = dueAt; self.warnAt = warnAt; self.paused = paused; self.target = target
    }

    /// From evaluated targets: the nearest running deadline, its warning instant and target, and
    /// "paused" when nothing runs but something is paused.
    init(policy: String?, statuses: [SLATargetStatus]) {
        let running = statuses.filter { ($0.state == .active || $0.state == .breached) && $0.deadline != nil }
        let nearest = running.min { $0.deadline! < $1.deadline! }
        self.init(
            policy: policy, dueAt: nearest?.deadline, warnAt: nearest?.warnAt,
            paused: nearest == nil && statuses.contains { $0.state == .paused }, target: nearest?.target.kind)
    }

    /// Columns slaPolicy, slaDueAt, slaWarnAt, slaPaused, slaDueTarget from position `i`.
    init(row: Row, from i: Int) {
        policy = row[i]; dueAt = row[i + 1]; warnAt = row[i + 2]; paused = row[i + 3]
        target = (row[i + 4] as String?).flatMap(SLAKind.init(rawValue:))
    }

    /// Seconds left of the nearest target at `now`, in that target's own time (business or
    /// calendar), negative once breached; nil when nothing runs. Farther than `exactWithin` from
    /// `now` it is calendar time: walking months of business calendar for every row is not worth
    /// a figure nobody reads to the minute.
    public func left(at now: Int64, settings: SLASettings, exactWithin: Int64 = 7 * 86_400) -> Int64? {
        guard let dueAt else { return nil }
        guard abs(dueAt - now) <= exactWithin, let policy = policy.flatMap(settings.policy(named:)),
            target.flatMap({ policy.target($0)?.businessTime }) == true,
            let calendar = settings.calendar(named: policy.calendar)
        else { return dueAt - now }
        return dueAt >= now ? calendar.businessSeconds(from: now, to: dueAt) : -calendar.businessSeconds(from: dueAt, to: now)
    }

    /// Where the nearest target stands at `now`.
    public func state(at now: Int64) -> StoredSLAState {
        guard let dueAt else { return paused ? .paused : .none }
        if dueAt <= now { return .breached }
        if let warnAt, warnAt <= now { return .atRisk }
        return .onTrack
    }
}

public enum StoredSLAState: String, Sendable, Equatable, Codable {
    case none, onTrack = "on-track", atRisk = "at-risk", breached, paused
}
