import DeskModel
import Foundation

/// A ticket's nearest SLA target in words for CLI lists: which target, and the time left in that
/// target's own time (business or calendar), or how long it has been breached.
enum SLACell {
    static func text(_ sla: StoredSLA, settings: SLASettings, now: Int64) -> String {
        let target = sla.target?.label ?? "target"
        switch sla.state(at: now) {
        case .none: return "—"
        case .paused: return "paused"
        case .breached:
            let over = -(sla.left(at: now, settings: settings) ?? 0)
            return "\(target) breached by \(span(max(0, over)))"
        case .atRisk:
            return "\(target) \(span(sla.left(at: now, settings: settings) ?? 0)) left, at risk"
        case .onTrack:
            return "\(target) \(span(sla.left(at: now, settings: settings) ?? 0)) left"
        }
    }

    /// "45m", "3h 05m", "2d 4h": days once it is a day or more, so a long breach reads at a glance.
    static func span(_ seconds: Int64) -> String {
        let m = abs(seconds) / 60
        let text = m >= 1440 ? "\(m / 1440)d \(m % 1440 / 60)h" : m >= 60 ? "\(m / 60)h \(String(format: "%02d", m % 60))m" : "\(m)m"
        return seconds < 0 ? "-" + text : text
    }
}
