extension String {
    /// The same name in any case (branch, calendar, policy names). Foundation's
    /// `caseInsensitiveCompare` bridges to NSString on Linux and was a visible part of every write.
    func sameName(as other: String) -> Bool {
        self == other || lowercased() == other.lowercased()
    }
}
