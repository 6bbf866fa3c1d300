import GRDB

/// Records whose dates are stored as whole seconds since 1970 (INTEGER columns), so raw SQL,
/// the sqlite3 shell and the seeders all agree with the records on one representation.
public protocol EpochDatedRecord: FetchableRecord, MutablePersistableRecord {}

extension EpochDatedRecord {
    public static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { .secondsSince1970 }
    public static func databaseDateDecodingStrategy(for column: String) -> DatabaseDateDecodingStrategy { .timeIntervalSince1970 }
}
