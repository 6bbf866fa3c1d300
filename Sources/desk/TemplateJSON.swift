import DeskModel
import Foundation

/// `template stats --json`: the period and each template's last use in ISO 8601 UTC.
struct TemplateStatsJSON: Encodable {
    struct Usage: Encodable {
        var name: String
        var inserted: Int
        var sent: Int
        var lastUsed: String?
    }
    var from: String
    var to: String
    var templates: [Usage]
    var agents: [TemplateStats.Rate]
    var branches: [TemplateStats.Rate]
    var stale: [TemplateStats.Stale]

    init(_ s: TemplateStats) {
        from = JSONTime.format(s.from); to = JSONTime.format(s.to)
        templates = s.templates.map {
            Usage(name: $0.name, inserted: $0.inserted, sent: $0.sent, lastUsed: $0.lastUsed.map(JSONTime.format))
        }
        agents = s.agents; branches = s.branches; stale = s.stale
    }
}
