import Foundation
import GRDB

/// A template suggested for a ticket, with why: the ticket's words it matched.
public struct TemplateSuggestion: Sendable, Equatable, Codable {
    public var templateId: Int64
    public var name: String
    public var score: Double
    /// Words of the subject or latest customer message found in the template, most telling first.
    public var matched: [String]
    public var sameProductArea: Bool
    public var isMacro: Bool

    public init(templateId: Int64, name: String, score: Double, matched: [String], sameProductArea: Bool, isMacro: Bool) {
        self.templateId = templateId; self.name = name; self.score = score; self.matched = matched
        self.sameProductArea = sameProductArea; self.isMacro = isMacro
    }
}

/// Ranks templates for a ticket with FTS5's bm25 over name, body, tags and product area, against
/// the subject and the latest customer message; the ticket's product area and branch boost.
public enum TemplateRanking {
    /// Column weights for bm25: a word in the name or tags says more than one in the body.
    static let weights = "4.0, 1.0, 3.0, 3.0"
    /// Multipliers for a template of the ticket's product area, and one scoped to its branch.
    public static let productAreaBoost = 2.0
    public static let branchBoost = 1.3

    static let stopwords: Set<String> = [
        "the", "and", "for", "you", "your", "our", "are", "was", "were", "with", "this", "that", "have", "has", "had",
        "but", "not", "can", "could", "would", "should", "please", "thanks", "thank", "hello", "hi", "there", "from",
        "just", "any", "all", "what", "when", "why", "how", "who", "which", "they", "them", "been", "will", "into",
        "about", "still", "also", "does", "did", "doing", "get", "got", "one", "two", "out", "its", "it's", "i'm",
        "we're", "my", "me", "we", "us", "is", "it", "in", "on", "of", "to", "a", "an", "be", "so", "or", "if", "at",
        "as", "by", "do", "no", "yes", "up", "now", "today", "team", "since", "some", "than", "then", "too", "very",
    ]

    /// The distinct words worth searching for, in order of first appearance (at most 24).
    public static func terms(_ text: String) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        for raw in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let w = String(raw)
            guard w.count >= 3, w.count <= 30, !stopwords.contains(w), !w.allSatisfy(\.isNumber), !seen.contains(w) else {
                continue
            }
            seen.insert(w)
            out.append(w)
            if out.count == 24 { break }
        }
        return out
    }

    /// The FTS5 query: any of the terms, each quoted (so nothing in them is query syntax).
    static func matchQuery(_ terms: [String]) -> String {
        terms.map { "\"\($0.replacingOccurrences(of: "\"", with: ""))\"" }.joined(separator: " OR ")
    }

    /// A word counts as matched when the template holds it or a form sharing its stem-like prefix.
    static func matched(_ terms: [String], in text: String) -> [String] {
        let hay = text.lowercased()
        return terms.filter { t in
            let stem = t.count > 5 ? String(t.prefix(t.count - 2)) : t
            return hay.contains(stem)
        }
    }
}

extension Desk {
    /// The top templates for a ticket (archived ones and other branches' never).
    public func suggestions(ticket id: Int64, limit: Int = 3) throws -> [TemplateSuggestion] {
        try db.read { db in
            guard
                let t = try Row.fetchOne(
                    db, sql: "SELECT subject, productArea, branchId FROM tickets WHERE id = ?", arguments: [id])
            else { throw DeskError.unknownTicket(id) }
            let latest =
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT body FROM messages WHERE ticketId = ? AND authorKind = 'customer'
                        ORDER BY createdAt DESC, id DESC LIMIT 1
                        """, arguments: [id]) ?? ""
            let subject: String = t["subject"]
            return try Self.rank(
                db, text: subject + "\n" + String(latest.prefix(4000)), productArea: t["productArea"], branchId: t["branchId"],
                limit: limit)
        }
    }

    /// Ranks against any text (the ticket's, or a test's).
    static func rank(
        _ db: Database, text: String, productArea: String?, branchId: Int64?, limit: Int
    ) throws
        -> [TemplateSuggestion]
    {
        var terms = TemplateRanking.terms(text)
        if let area = productArea, !area.isEmpty {
            terms.append(contentsOf: TemplateRanking.terms(area).filter { !terms.contains($0) })
        }
        guard !terms.isEmpty else { return [] }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT t.id, t.name, t.body, t.tags, t.productArea, t.branchId, t.actions,
                       bm25(template_fts, \(TemplateRanking.weights)) AS rank
                FROM template_fts JOIN templates t ON t.id = template_fts.rowid
                WHERE template_fts MATCH ? AND t.archived = 0 AND (t.branchId IS NULL OR t.branchId = ?)
                ORDER BY rank LIMIT 20
                """, arguments: [TemplateRanking.matchQuery(terms), branchId])
        var out: [TemplateSuggestion] = []
        for r in rows {
            let area: String? = r["productArea"]
            let sameArea = area != nil && area == productArea
            var score = -(r["rank"] as Double)
            if sameArea { score *= TemplateRanking.productAreaBoost }
            if let b: Int64 = r["branchId"], b == branchId { score *= TemplateRanking.branchBoost }
            let name: String = r["name"]
            let hay = name.replacingOccurrences(of: "-", with: " ") + " " + (r["tags"] as String) + " " + (r["body"] as String)
            out.append(
                TemplateSuggestion(
                    templateId: r["id"], name: name, score: score, matched: TemplateRanking.matched(terms, in: hay),
                    sameProductArea: sameArea, isMacro: (r["actions"] as String) != "{}"))
        }
        out.sort { $0.score != $1.score ? $0.score > $1.score : $0.templateId < $1.templateId }
        return Array(out.prefix(limit))
    }
}
