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
            return "\(target) breached by \(SLAReport.duration(max(0, over)))"
        case .atRisk:
            return "\(target) \(SLAReport.duration(sla.left(at: now, settings: settings) ?? 0)) left, at risk"
        case .onTrack:
            return "\(target) \(SLAReport.duration(sla.left(at: now, settings: settings) ?? 0)) left"
        }
    }
}
