import SQLKit

/// Multi-row statements written as plain SQL with binds, for the paths that run for every
/// response: SQLKit's builders re-escape every identifier on each statement, which cost more
/// than SQLite took to execute it. The table and column names are our own constants, never input.
enum SQLRows {
    /// `INSERT INTO table (columns) VALUES (…), (…)`.
    static func insert(into table: String, columns: [String], rows: some Collection<[any Encodable & Sendable]>) -> SQLQueryString {
        var query = SQLQueryString("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        var first = true
        for row in rows {
            query.appendLiteral(first ? "(" : ", (")
            query.appendInterpolation(binds: row)
            query.appendLiteral(")")
            first = false
        }
        return query
    }

    /// The same, adding `n` to a row that exists already (`conflict` is its unique key); the same
    /// on SQLite and PostgreSQL.
    static func addingCounts(
        into table: String, columns: [String], conflict: [String], rows: some Collection<[any Encodable & Sendable]>
    ) -> SQLQueryString {
        var query = insert(into: table, columns: columns, rows: rows)
        query.appendLiteral(" ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE SET n = \(table).n + excluded.n")
        return query
    }
}
