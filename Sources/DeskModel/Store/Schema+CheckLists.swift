import GRDB

extension Schema {
    /// CHECK constraints of the form `col IN ('a', 'b', 'c')` rewritten as `(col = 'a' OR …)`.
    ///
    /// SQLite evaluates an IN list of more than two values by building a temporary b-tree, and
    /// it does so for every CHECK on every INSERT: a new ticket built seven of them. The
    /// constraints mean the same after the rewrite, so every stored row still satisfies them,
    /// which is the case SQLite documents for editing a table's SQL in place (ALTER TABLE,
    /// "making other kinds of table schema changes") instead of rebuilding the table.
    static func checksWithoutLists(_ db: Database) throws {
        let tables = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK%'")
        let changed = tables.compactMap { row -> (String, String)? in
            let sql: String = row["sql"]
            let rewritten = checkListsRewritten(sql)
            return rewritten == sql ? nil : (row["name"], rewritten)
        }
        guard !changed.isEmpty else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for (name, sql) in changed {
            try db.execute(sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", arguments: [sql, name])
        }
        // A new schema version makes every connection (this one too) read the edited SQL.
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        try db.execute(sql: "PRAGMA writable_schema = OFF")
    }

    /// `CHECK (x IN ('a','b','c'))` → `CHECK ((x = 'a' OR x = 'b' OR x = 'c'))`; lists of one or
    /// two values (which SQLite already compares directly) and everything else are left alone.
    static func checkListsRewritten(_ sql: String) -> String {
        var out = ""
        var rest = Substring(sql)
        while let check = rest.range(of: "CHECK (") {
            out += rest[..<check.upperBound]
            rest = rest[check.upperBound...]
            guard let inList = rest.range(of: " IN ("), let close = rest[inList.upperBound...].firstIndex(of: ")"),
                let column = column(before: inList.lowerBound, in: rest)
            else { continue }
            let values = splitValues(rest[inList.upperBound..<close])
            // Only `column IN (literals)` as the whole constraint, and only lists SQLite turns into a b-tree.
            guard values.count > 2, rest[..<column.lowerBound].allSatisfy(\.isWhitespace),
                rest[rest.index(after: close)...].first == ")"
            else { continue }
            let name = rest[column]
            out += "(" + values.map { "\(name) = \($0)" }.joined(separator: " OR ") + ")"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The identifier that ends at `end` (letters, digits, underscores).
    private static func column(before end: Substring.Index, in text: Substring) -> Range<Substring.Index>? {
        var start = end
        while start > text.startIndex {
            let previous = text.index(before: start)
            guard text[previous].isLetter || text[previous].isNumber || text[previous] == "_" else { break }
            start = previous
        }
        return start == end ? nil : start..<end
    }

    /// `'a','b', 3` → the literals; empty when anything but quoted texts without commas or
    /// quotes inside, and integers, is listed.
    private static func splitValues(_ list: Substring) -> [String] {
        let values = list.split(separator: ",").map(\.trimmed)
        let literal = values.allSatisfy { v in
            (v.count >= 2 && v.first == "'" && v.last == "'" && !v.dropFirst().dropLast().contains("'"))
                || (!v.isEmpty && v.allSatisfy(\.isNumber))
        }
        return literal ? values : []
    }
}
