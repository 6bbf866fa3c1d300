import DeskModel
import Foundation

/// Short, stable renderings of times and ages for the screen. Formatting is done by hand:
/// Foundation's formatters and ICU zone lookups cost tens of microseconds each, and a
/// ticket's history formats one stamp per entry.
public enum TimeText {
    /// "45s", "12m", "3h", "5d", "8w".
    public static func age(_ seconds: Int64) -> String {
        let s = max(0, seconds)
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return "\(s / 60)m"
        case ..<86_400: return "\(s / 3600)h"
        case ..<(86_400 * 60): return "\(s / 86_400)d"
        default: return "\(s / (86_400 * 7))w"
        }
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "Nov 20 10:42" in the given zone.
    public static func stamp(_ epoch: Int64, zone: TimeZone) -> String {
        stamp(epoch, offset: offset(epoch, zone))
    }

    /// "Nov 20 10:42" at a known UTC offset (see `ZoneOffsets`).
    public static func stamp(_ epoch: Int64, offset: Int64) -> String {
        let local = epoch + offset
        let days = floorDiv(local, 86_400)
        let (_, m, d) = CivilDate.civil(Int(days))
        let secs = local - days * 86_400
        return "\(months[m - 1]) \(d < 10 ? " " : "")\(d) \(two(secs / 3600)):\(two(secs % 3600 / 60))"
    }

    /// "Sat 21 Nov 22:50" in the given zone, for the title bar.
    public static func clock(_ epoch: Int64, zone: TimeZone) -> String {
        let parts = local(epoch, zone)
        return "\(parts.weekday) \(parts.day) \(months[parts.month - 1]) \(parts.time)"
    }

    /// "Mon 13:00" in the given zone, for SLA due times.
    public static func weekdayTime(_ epoch: Int64, zone: TimeZone) -> String {
        let parts = local(epoch, zone)
        return "\(parts.weekday) \(parts.time)"
    }

    /// A due time: "Mon 13:00" while the weekday names one day (from now up to six days on),
    /// else with its date, "Mon 30 Nov 21:04" (last Monday, or a Monday weeks away).
    public static func due(_ epoch: Int64, now: Int64, zone: TimeZone) -> String {
        epoch >= now && epoch - now <= 6 * 86_400 ? weekdayTime(epoch, zone: zone) : clock(epoch, zone: zone)
    }

    private static func local(_ epoch: Int64, _ zone: TimeZone) -> (weekday: String, day: Int, month: Int, time: String) {
        let local = epoch + offset(epoch, zone)
        let days = floorDiv(local, 86_400)
        let (_, m, d) = CivilDate.civil(Int(days))
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let secs = local - days * 86_400
        return (weekday, d, m, "\(two(secs / 3600)):\(two(secs % 3600 / 60))")
    }

    static func offset(_ epoch: Int64, _ zone: TimeZone) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))))
    }

    private static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

/// UTC offsets of one zone, looked up once per hour of time: offsets only change on the hour
/// (or half hour) boundaries real zones use, so neighbouring stamps share one ICU lookup.
struct ZoneOffsets {
    let zone: TimeZone
    private var byQuarterHour: [Int64: Int64] = [:]

    init(_ zone: TimeZone) { self.zone = zone }

    mutating func offset(_ epoch: Int64) -> Int64 {
        let key = epoch / 900
        if let o = byQuarterHour[key] { return o }
        let o = TimeText.offset(epoch, zone)
        byQuarterHour[key] = o
        return o
    }
}
