import Foundation

/// What the SLA clocks need to know about one ticket: when it was created, how its status
/// moved, and its public messages. Internal notes are not facts here: they never satisfy a target.
public struct SLAFacts: Sendable, Equatable {
    public struct StatusChange: Sendable, Equatable {
        public var at: Int64
        public var status: TicketStatus
        public init(at: Int64, status: TicketStatus) { self.at = at; self.status = status }
    }
    public struct PublicMessage: Sendable, Equatable {
        public var at: Int64
        public var fromCustomer: Bool
        public init(at: Int64, fromCustomer: Bool) { self.at = at; self.fromCustomer = fromCustomer }
    }

    public var createdAt: Int64
    /// In time order; the first is the status the ticket was created with.
    public var statuses: [StatusChange]
    /// In time order.
    public var messages: [PublicMessage]

    public init(createdAt: Int64, statuses: [StatusChange], messages: [PublicMessage]) {
        self.createdAt = createdAt; self.statuses = statuses; self.messages = messages
    }

    /// Customer messages since the ticket was last solved (or since it was opened).
    public var customerMessagesSinceSolved: Int {
        let solved = statuses.last { $0.status == .solved }?.at ?? Int64.min
        return messages.filter { $0.fromCustomer && $0.at >= solved }.count
    }

    /// What was known at `t`: evaluating at a past instant must not see later replies or status changes.
    public func known(at t: Int64) -> SLAFacts {
        guard statuses.contains(where: { $0.at > t }) || messages.contains(where: { $0.at > t }) else { return self }
        let earlier = statuses.filter { $0.at <= t }
        return SLAFacts(
            createdAt: createdAt, statuses: earlier.isEmpty ? Array(statuses.prefix(1)) : earlier,
            messages: messages.filter { $0.at <= t })
    }
}

public enum SLAState: String, Sendable, Equatable, Codable {
    case active, paused, met, breached
    case metLate = "met-late"
    /// Nothing to measure yet (no customer message waiting for a next reply).
    case notStarted = "not-started"

    /// Still counting down (or up, once breached).
    public var isPending: Bool { self == .active || self == .paused || self == .breached }
}

/// A stretch of time that did not count, and why.
public struct SLAPause: Sendable, Equatable, Codable {
    public var from: Int64
    /// Nil while it lasts.
    public var to: Int64?
    public var status: TicketStatus
    public init(from: Int64, to: Int64?, status: TicketStatus) { self.from = from; self.to = to; self.status = status }
}

/// One target evaluated at an instant.
public struct SLATargetStatus: Sendable, Equatable {
    public var target: SLATarget
    public var state: SLAState
    public var startedAt: Int64?
    /// When the target is (or was) due. Nil while paused before it was reached.
    public var deadline: Int64?
    /// When it was met (a reply, a solve).
    public var endedAt: Int64?
    /// Business (or calendar) seconds counted so far, pauses excluded.
    public var consumed: Int64
    /// Target less consumed; negative once breached.
    public var left: Int64 { Int64(target.minutes) * 60 - consumed }
    public var pauses: [SLAPause]
    /// Resolution only: when the ticket was reopened after being solved.
    public var reopenedAt: [Int64]
    /// Active, and past the policy's warning threshold.
    public var atRisk: Bool
    /// When a running target crosses (or crossed) the warning threshold; nil for paused and
    /// finished targets.
    public var warnAt: Int64?
}

/// Evaluates a policy's targets for one ticket at one instant. Pure: facts in, states out.
public struct SLAClock: Sendable {
    public var policy: SLAPolicy
    public var calendar: BusinessCalendar

    public init(policy: SLAPolicy, calendar: BusinessCalendar) { self.policy = policy; self.calendar = calendar }

    public func evaluate(_ facts: SLAFacts, now: Int64) -> [SLATargetStatus] {
        let facts = facts.known(at: now)
        return policy.targets.map { evaluate($0, facts, now: now) }
    }

    /// The earliest deadline among targets still pending (what the queue sorts by).
    public static func nextDeadline(_ statuses: [SLATargetStatus]) -> Int64? {
        statuses.filter { $0.state == .active || $0.state == .breached }.compactMap(\.deadline).min()
    }

    func evaluate(_ target: SLATarget, _ facts: SLAFacts, now: Int64) -> SLATargetStatus {
        let replies = facts.messages.filter { !$0.fromCustomer }.map(\.at)
        let stopped: Set<TicketStatus> = [.solved, .closed]
        var pauseSet = Set(policy.pauseOn)
        var start: Int64?
        var end: Int64?
        var reopened: [Int64] = []
        switch target.kind {
        case .firstReply:
            start = facts.createdAt
            end = replies.first
        case .nextReply:
            guard let first = replies.first else { break }
            // The oldest customer message after the last reply that answered anything.
            var waitingSince: Int64?
            for m in facts.messages where m.at > first {
                if m.fromCustomer {
                    if waitingSince == nil {
                        waitingSince = m.at
                        start = m.at
                        end = nil
                    }
                } else if waitingSince != nil {
                    end = m.at
                    waitingSince = nil
                }
            }
        case .periodicUpdate:
            start = replies.last ?? facts.createdAt
            if let last = facts.statuses.last, stopped.contains(last.status) { end = max(last.at, start!) }
        case .resolution:
            start = facts.createdAt
            pauseSet.formUnion(stopped)
            for (prev, next) in zip(facts.statuses, facts.statuses.dropFirst())
            where stopped.contains(prev.status) && !stopped.contains(next.status) {
                reopened.append(next.at)
            }
            if let last = facts.statuses.last, stopped.contains(last.status) { end = last.at }
        }
        // Solving a ticket stops its reply clocks too: nothing is waiting for an answer any more.
        if end == nil, target.kind != .resolution, let last = facts.statuses.last, stopped.contains(last.status),
            let s = start
        {
            end = max(last.at, s)
        }
        guard let start else {
            return SLATargetStatus(
                target: target, state: .notStarted, startedAt: nil, deadline: nil, endedAt: nil, consumed: 0, pauses: [],
                reopenedAt: [], atRisk: false, warnAt: nil)
        }
        let until = min(end ?? now, now)
        let segments = statusSegments(facts, from: start, to: until)
        let pauses = segments.filter { pauseSet.contains($0.status) }.map {
            SLAPause(from: $0.from, to: end == nil && $0.to == now ? nil : $0.to, status: $0.status)
        }
        let budget = Int64(target.minutes) * 60
        let threshold: Int64
        switch policy.warning {
        case .percentUsed(let p): threshold = budget * Int64(p) / 100
        case .minutesLeft(let m): threshold = max(0, budget - Int64(m) * 60)
        }
        var consumed: Int64 = 0
        var deadline: Int64?
        var warnAt: Int64?
        for s in segments where !pauseSet.contains(s.status) {
            let span = measure(target, s.from, s.to)
            if deadline == nil, consumed + span >= budget { deadline = advance(target, budget - consumed, from: s.from) }
            if warnAt == nil, consumed + span >= threshold { warnAt = advance(target, threshold - consumed, from: s.from) }
            consumed += span
        }
        // The status in force at `until` (a change made at this very instant has an empty segment).
        let current = facts.statuses.last { $0.at <= until }?.status ?? facts.statuses.first?.status ?? .new
        let pausedNow = end == nil && pauseSet.contains(current)
        if end == nil, !pausedNow {
            if deadline == nil { deadline = advance(target, budget - consumed, from: now) }
            if warnAt == nil { warnAt = advance(target, threshold - consumed, from: now) }
        }
        let state: SLAState
        if let end, end <= now {
            state = consumed <= budget ? .met : .metLate
        } else if consumed > budget || (deadline.map { $0 <= now } ?? false) {
            state = .breached
        } else {
            state = pausedNow ? .paused : .active
        }
        let atRisk = state == .active && consumed >= threshold
        // Like the deadline, the warning instant does not move with `now`: stored, it stays true.
        if state != .active && state != .breached { warnAt = nil }
        return SLATargetStatus(
            target: target, state: state, startedAt: start, deadline: deadline, endedAt: end, consumed: consumed,
            pauses: pauses, reopenedAt: reopened, atRisk: atRisk, warnAt: warnAt)
    }

    /// The ticket's statuses over `[from, to)`, as consecutive segments.
    func statusSegments(_ facts: SLAFacts, from: Int64, to: Int64) -> [(from: Int64, to: Int64, status: TicketStatus)] {
        guard to > from else { return [] }
        var out: [(Int64, Int64, TicketStatus)] = []
        let changes = facts.statuses.isEmpty ? [SLAFacts.StatusChange(at: facts.createdAt, status: .new)] : facts.statuses
        for (i, c) in changes.enumerated() {
            let segEnd = i + 1 < changes.count ? changes[i + 1].at : Int64.max
            let a = max(c.at, from)
            let b = min(segEnd, to)
            if b > a { out.append((a, b, c.status)) }
        }
        // Before the first recorded status, the first status applies.
        if let first = changes.first, from < first.at {
            out.insert((from, min(first.at, to), first.status), at: 0)
        }
        return out
    }

    func measure(_ target: SLATarget, _ a: Int64, _ b: Int64) -> Int64 {
        target.businessTime ? calendar.businessSeconds(from: a, to: b) : max(0, b - a)
    }

    /// The instant `seconds` of counted time after `from` (a business deadline never falls
    /// outside business hours).
    func advance(_ target: SLATarget, _ seconds: Int64, from: Int64) -> Int64? {
        guard target.businessTime else { return from + seconds }
        if seconds < 0 { return nil }
        return calendar.adding(businessSeconds: seconds, to: from)
    }
}
