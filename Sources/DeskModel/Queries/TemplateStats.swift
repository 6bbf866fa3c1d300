import Foundation
import GRDB

/// Template usage for leads and knowledge managers (`desk template stats`).
public struct TemplateStats: Sendable, Equatable, Codable {
    public struct Usage: Sendable, Equatable, Codable {
        public var name: String
        public var inserted: Int
        public var sent: Int
        public var lastUsed: Int64?
    }
    /// Public replies by an agent or in a branch, and how many used a template.
    public struct Rate: Sendable, Equatable, Codable {
        public var name: String
        public var replies: Int
        public var withTemplate: Int
        public var rate: Double { replies == 0 ? 0 : Double(withTemplate) / Double(replies) }
        enum CodingKeys: String, CodingKey { case name, replies, withTemplate, rate }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(replies, forKey: .replies)
            try c.encode(withTemplate, forKey: .withTemplate)
            try c.encode((rate * 1000).rounded() / 1000, forKey: .rate)
        }
        public init(name: String, replies: Int, withTemplate: Int) {
            self.name = name; self.replies = replies; self.withTemplate = withTemplate
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            replies = try c.decode(Int.self, forKey: .replies)
            withTemplate = try c.decode(Int.self, forKey: .withTemplate)
        }
    }
    public struct Stale: Sendable, Equatable, Codable {
        public var name: String
        public var reasons: [String]
    }
    public var from: Int64
    public var to: Int64
    public var templates: [Usage]
    public var agents: [Rate]
    public var branches: [Rate]
    public var stale: [Stale]
}

extension Desk {
    /// Usage between two instants (default: the last 30 days); staleness as of now.
    public func templateStats(from: Date? = nil, to: Date? = nil) throws -> TemplateStats {
        let now = clock.now
        let end = (to ?? now).dbSeconds
        let start = (from ?? now.addingTimeInterval(-30 * 86_400)).dbSeconds
        let reviewCutoff = now.dbSeconds - Int64(policy.replies.staleReviewDays) * 86_400
        let unusedCutoff = now.dbSeconds - Int64(policy.replies.staleUnusedDays) * 86_400
        return try db.read { db in
            var usage: [Int64: (Int, Int, Int64?)] = [:]
            for r in try Row.fetchAll(
                db,
                sql: """
                    SELECT CAST(json_extract(data, '$.template') AS INTEGER) AS t, kind, count(*) AS n, max(createdAt) AS last
                    FROM events WHERE kind IN ('template.inserted', 'template.sent') AND createdAt BETWEEN ? AND ?
                    GROUP BY t, kind
                    """, arguments: [start, end])
            {
                let id: Int64 = r["t"]
                var u = usage[id] ?? (0, 0, nil)
                if (r["kind"] as String) == "template.inserted" { u.0 = r["n"] } else { u.1 = r["n"] }
                u.2 = max(u.2 ?? 0, r["last"])
                usage[id] = u
            }
            let lastEver = Dictionary(
                uniqueKeysWithValues: try Row.fetchAll(
                    db,
                    sql: """
                        SELECT CAST(json_extract(data, '$.template') AS INTEGER) AS t, max(createdAt) AS last FROM events
                        WHERE kind IN ('template.inserted', 'template.sent') GROUP BY t
                        """
                ).map { ($0["t"] as Int64, $0["last"] as Int64) })
            let all = try Template.filter(Column("archived") == false).order(Column("name")).fetchAll(db)
            let templates = all.map { t in
                let u = usage[t.id!] ?? (0, 0, nil)
                return TemplateStats.Usage(name: t.name, inserted: u.0, sent: u.1, lastUsed: lastEver[t.id!])
            }.sorted { ($0.sent, $0.inserted, $1.name) > ($1.sent, $1.inserted, $0.name) }
            var stale: [TemplateStats.Stale] = []
            for t in all {
                var reasons: [String] = []
                if let r = t.lastReviewedAt {
                    if r.dbSeconds < reviewCutoff { reasons.append("not reviewed since \(TemplateFile.day(r))") }
                } else {
                    reasons.append("never reviewed")
                }
                if let last = lastEver[t.id!] {
                    if last < unusedCutoff { reasons.append("unused since \(TemplateFile.day(Date(dbSeconds: last)))") }
                } else {
                    reasons.append("never used")
                }
                if !reasons.isEmpty { stale.append(TemplateStats.Stale(name: t.name, reasons: reasons)) }
            }
            func rates(_ sql: String) throws -> [TemplateStats.Rate] {
                try Row.fetchAll(db, sql: sql, arguments: [start, end]).map {
                    TemplateStats.Rate(name: $0["name"], replies: $0["replies"], withTemplate: $0["used"])
                }
            }
            let agents = try rates(
                """
                SELECT a.handle AS name, count(*) AS replies,
                       sum(json_extract(e.data, '$.templates') IS NOT NULL) AS used
                FROM events e JOIN agents a ON a.id = e.actorId
                WHERE e.kind = 'message.reply' AND e.createdAt BETWEEN ? AND ?
                GROUP BY a.id ORDER BY replies DESC, name
                """)
            let branches = try rates(
                """
                SELECT coalesce(b.name, '(none)') AS name, count(*) AS replies,
                       sum(json_extract(e.data, '$.templates') IS NOT NULL) AS used
                FROM events e JOIN tickets t ON t.id = e.ticketId LEFT JOIN branches b ON b.id = t.branchId
                WHERE e.kind = 'message.reply' AND e.createdAt BETWEEN ? AND ?
                GROUP BY b.id ORDER BY replies DESC, name
                """)
            return TemplateStats(from: start, to: end, templates: templates, agents: agents, branches: branches, stale: stale)
        }
    }
}
