import DeskModel
import DeskTUI
import Foundation

/// `desk bench --intake N`: a generated Maildir of N messages (replies that thread, HTML
/// alternatives, Latin-1 bodies, auto-replies) fetched into a fresh database with full-text
/// indexing; messages per second and the process's peak memory.
struct IntakeBench {
    struct Report: Codable {
        var messages: Int
        var seconds: Double
        var messagesPerSecond: Double
        var peakRSSMB: Double
        var tickets: Int
        var summary: String
        var budgetMessagesPerSecond: Double
    }

    let count: Int
    let batch: Int

    func run() throws -> Report {
        let dir = NSTemporaryDirectory() + "desk-intake-bench-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try MailCorpus(count: count).writeMaildir(dir + "/maildir")
        let db = try DeskDatabase.open(path: dir + "/bench.sqlite", create: true)
        let desk = Desk(db: db, clock: FixedClock(Date(timeIntervalSince1970: 1_795_400_000)), policy: .standard)
        try desk.syncBranches()
        let start = Date()
        let (summary, _) = try MaildirFetcher(desk: desk, path: dir + "/maildir", batchSize: batch).fetchOnce()
        let seconds = Date().timeIntervalSince(start)
        let tickets = summary.created + summary.followUps
        return Report(
            messages: count, seconds: seconds, messagesPerSecond: Double(count) / seconds,
            peakRSSMB: ConsoleBench.peakRSSMB(), tickets: tickets, summary: summary.description,
            budgetMessagesPerSecond: 5_000)
    }
}
