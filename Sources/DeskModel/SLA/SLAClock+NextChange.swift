import Foundation

extension SLAClock {
    /// The first instant after `now` at which evaluating the same facts gives a different answer
    /// with nothing written: a running target turns at risk (`warnAt`), falls under the escalation
    /// trigger's share (`riskPercent`), or breaches; or a fact recorded ahead of `now` comes into
    /// view. Nil when only a write can change anything (met, paused, not started). The sweep
    /// revisits a ticket at this instant and no sooner (docs/escalation.md).
    public func nextChange(_ statuses: [SLATargetStatus], facts: SLAFacts, now: Int64, riskPercent: Int?) -> Int64? {
        var next: Int64?
        func consider(_ t: Int64?) {
            guard let t, t > now else { return }
            next = min(next ?? t, t)
        }
        for s in statuses where s.state == .active {
            consider(s.deadline)
            consider(s.warnAt)
            if let percent = riskPercent, s.target.minutes > 0 {
                // The trigger holds once left * 100 < budget * percent: the first whole second of
                // consumption past budget * (100 - percent) / 100.
                let budget = Int64(s.target.minutes) * 60
                let needed = budget * Int64(100 - percent) / 100 + 1
                if needed > s.consumed { consider(advance(s.target, needed - s.consumed, from: now)) }
            }
        }
        consider(facts.statuses.first { $0.at > now }?.at)
        consider(facts.messages.first { $0.at > now }?.at)
        return next
    }
}
