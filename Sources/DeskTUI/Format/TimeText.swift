import Foundation

/// Short, stable renderings of times and ages for the screen.
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
        let local = epoch + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))))
        let (_, m, d) = civil(days: floorDiv(local, 86_400))
        let secs = local - floorDiv(local, 86_400) * 86_400
        return String(format: "%@ %2d %02d:%02d", months[m - 1], d, Int(secs / 3600), Int(secs % 3600 / 60))
    }

    /// "Sat 21 Nov 22:50" in the given zone, for the title bar.
    public static func clock(_ epoch: Int64, zone: TimeZone) -> String {
        let local = epoch + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))))
        let days = floorDiv(local, 86_400)
        let (_, m, d) = civil(days: days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][Int(((days % 7) + 7) % 7)]
        let secs = local - days * 86_400
        return String(format: "%@ %d %@ %02d:%02d", weekday, d, months[m - 1], Int(secs / 3600), Int(secs % 3600 / 60))
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// Days since 1970-01-01 to (year, month, day) — Howard Hinnant's civil_from_days.
    static func civil(days: Int64) -> (Int64, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = Int(doy - (153 * mp + 2) / 5 + 1)
        let m = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
