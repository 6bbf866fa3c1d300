import Foundation

/// RFC 5322 dates (`Tue, 1 Jul 2003 10:52:37 +0200`) with the obsolete forms mail still carries:
/// two-digit years, zone names (GMT, EST, PDT …), missing seconds, missing weekday. By hand,
/// without DateFormatter: it runs once per imported message.
enum MailDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let weekdays: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
        "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1,
    ]

    static func parse(_ raw: String?) -> Date? {
        guard let raw else { return nil }
        var tokens = raw.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map { String($0) }
        if let first = tokens.first, weekdays.contains(String(first.prefix(3)).asciiLowercased) {
            tokens.removeFirst()
        }
        guard tokens.count >= 4 else { return nil }
        var day: Int?, month: Int?, year: Int?
        // "1 Jul 2003" or, from some mailers, "Jul 1 2003".
        if let d = Int(tokens[0]), let m = months.firstIndex(of: String(tokens[1].prefix(3)).asciiLowercased) {
            day = d
            month = m + 1
            year = Int(tokens[2])
        } else if let m = months.firstIndex(of: String(tokens[0].prefix(3)).asciiLowercased), let d = Int(tokens[1]) {
            day = d
            month = m + 1
            year = Int(tokens[2])
        }
        guard var y = year, let mo = month, let d = day, (1...31).contains(d) else { return nil }
        if y < 50 { y += 2000 } else if y < 1000 { y += 1900 }
        guard (1970...9999).contains(y) else { return nil }
        let time = tokens[3].split(separator: ":").map { Int($0) }
        guard time.count >= 2, let h = time[0], let mi = time[1], (0...23).contains(h), (0...59).contains(mi) else {
            return nil
        }
        let sec = time.count > 2 ? min(60, max(0, time[2] ?? 0)) : 0
        var offset = 0
        if tokens.count > 4 {
            let z = tokens[4]
            if let sign = z.first, sign == "+" || sign == "-", z.count == 5, let v = Int(z.dropFirst()) {
                offset = (v / 100 * 60 + v % 100) * 60 * (sign == "-" ? -1 : 1)
            } else if let hours = zones[z.asciiLowercased] {
                offset = hours * 3600
            }
        }
        let days = CivilDate.daysFromCivil(year: y, month: mo, day: d)
        let seconds = days * 86_400 + h * 3600 + mi * 60 + sec - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
