import Foundation

/// The source of "now" for everything in desk; nothing reads the wall clock directly.
public protocol DeskClock: Sendable {
    var now: Date { get }
}

/// The real clock, used when no `--now` is given.
public struct SystemClock: DeskClock {
    public init() {}
    public var now: Date { Date() }
}

/// A clock fixed at one instant, for `--now`, replays and tests.
public struct FixedClock: DeskClock {
    public let now: Date
    public init(_ now: Date) { self.now = now }

    /// Parses ISO 8601 (`2026-11-20T09:30:00Z`, with or without seconds or zone; a date alone means midnight UTC).
    public static func parse(_ text: String) -> Date? {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let d = iso.date(from: text) { return d }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let d = iso.date(from: text) { return d }
        for format in ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "UTC")
            f.dateFormat = format
            if let d = f.date(from: text) { return d }
        }
        return nil
    }
}

extension Date {
    /// Whole seconds since 1970: the unit every timestamp column uses.
    public var dbSeconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    public init(dbSeconds: Int64) { self.init(timeIntervalSince1970: TimeInterval(dbSeconds)) }
}
