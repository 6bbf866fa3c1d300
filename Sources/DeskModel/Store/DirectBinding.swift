import GRDB

// The import runs a dozen cached statements per mail. Through `StatementArguments` GRDB turns
// every value into a `DatabaseValue` by way of an existential and checks the count against the
// statement on every call: a tenth of the import's time. These bind the values already made
// concrete (`ColumnMapped.values`, ids, keys) straight to SQLite, then run the statement
// through GRDB as usual (its execution bookkeeping and errors are unchanged).

extension Statement {
    /// Binds `values` to the statement's parameters, in order.
    func bindDirect(_ values: [DatabaseValue]) {
        setUncheckedArguments(StatementArguments())  // resets the statement and clears old bindings
        for (index, value) in zip(CInt(1)..., values) {
            let code = value.bind(to: sqliteStatement, at: index)
            precondition(code == 0, "binding parameter \(index) of \(sql) failed (\(code))")
        }
    }

    /// Binds `values` and runs the statement to its end.
    func executeDirect(_ values: [DatabaseValue]) throws {
        bindDirect(values)
        try execute()
    }

    /// Binds `values` and reads the first column of the first row, if any.
    func fetchInt64(_ values: [DatabaseValue]) throws -> Int64? {
        bindDirect(values)
        return try Int64.fetchOne(self)
    }
}
