extension String {
    /// The same name in any case (branch, calendar, policy names). Foundation's
    /// `caseInsensitiveCompare` bridges to NSString on Linux and was a visible part of every write.
    func sameName(as other: String) -> Bool {
        self == other || lowercased() == other.lowercased()
    }

    /// ASCII letters lowered, nothing else: what SQLite's NOCASE collation compares.
    var asciiFolded: String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
