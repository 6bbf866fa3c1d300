import Foundation

/// A time zone's UTC offsets as a table of transitions, looked up by binary search. Business-time
/// arithmetic asks for offsets several times per day of a span, and Foundation's `secondsFromGMT`
/// (ICU underneath) was most of the cost of re-evaluating a corpus's SLA. Outside the table's
/// years the zone itself answers.
struct ZoneOffsets: Sendable {
    let zone: TimeZone
    /// Instants at which an offset starts, ascending; `offsets[i]` is in force from `starts[i]`.
    private let starts: [Int64]
    private let offsets: [Int64]
    static let from: Int64 = 631_152_000  // 1990-01-01
    static let until: Int64 = 4_102_444_800  // 2100-01-01

    init(_ zone: TimeZone) {
        self.zone = zone
        var starts = [Self.from]
        var offsets = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(Self.from))))]
        var t = Date(timeIntervalSince1970: TimeInterval(Self.from))
        while let next = zone.nextDaylightSavingTimeTransition(after: t), next.timeIntervalSince1970 < Double(Self.until) {
            let offset = Int64(zone.secondsFromGMT(for: next))
            if offset != offsets.last { starts.append(Int64(next.timeIntervalSince1970)); offsets.append(offset) }
            guard next > t else { break }
            t = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// Seconds east of UTC at instant `t`.
    func seconds(at t: Int64) -> Int64 {
        guard t >= Self.from, t < Self.until else {
            return Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
        }
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {  // the last start <= t
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= t { lo = mid } else { hi = mid - 1 }
        }
        return offsets[lo]
    }

    /// The first instant after `t` at which the offset changes, if any.
    func transition(after t: Int64) -> Int64? {
        guard t >= Self.from, t < Self.until else {
            return zone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: TimeInterval(t)))
                .map { Int64($0.timeIntervalSince1970) }
        }
        var lo = 0
        var hi = starts.count
        while lo < hi {  // the first start > t
            let mid = (lo + hi) / 2
            if starts[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts.count ? starts[lo] : nil
    }
}

extension ZoneOffsets: Equatable {
    /// The table is derived from the zone.
    static func == (a: ZoneOffsets, b: ZoneOffsets) -> Bool { a.zone == b.zone }
}
