import Foundation
import GRDB

/// How often the template a demo ticket's intent calls for is among its top suggestions.
public struct SuggestionAccuracy: Sendable, Equatable, Codable {
    public var tickets: Int
    public var top1: Int
    public var top3: Int
    /// Tickets whose intended template was not in the top three, with what was suggested.
    public var misses: [String]

    public var top3Rate: Double { tickets == 0 ? 0 : Double(top3) / Double(tickets) }
    public var top1Rate: Double { tickets == 0 ? 0 : Double(top1) / Double(tickets) }
}

extension DemoBuilder {
    /// The template demo ticket number `n` (0-based, in creation order) calls for.
    public static func intent(ofTicket n: Int) -> String { DemoScenarios.all[n % DemoScenarios.all.count].intent }

    /// Measures suggestions on the demo set: every demo ticket against its scenario's intent.
    public static func suggestionAccuracy(_ desk: Desk) throws -> SuggestionAccuracy {
        let ids = try desk.db.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM tickets ORDER BY id LIMIT ?", arguments: [ticketCount])
        }
        var result = SuggestionAccuracy(tickets: 0, top1: 0, top3: 0, misses: [])
        for (n, id) in ids.enumerated() {
            let want = intent(ofTicket: n)
            let got = try desk.suggestions(ticket: id, limit: 3).map(\.name)
            result.tickets += 1
            if got.first == want { result.top1 += 1 }
            if got.contains(want) {
                result.top3 += 1
            } else {
                result.misses.append("#\(id) wants \(want), got \(got.joined(separator: ", "))")
            }
        }
        return result
    }
}
