import SQLKit

/// Multi-row statements written as plain SQL with binds, for the paths that run for every
/// response: SQLKit's builders re-escape every identifier on each statement, which cost more
/// than SQLite took to execute it. The table and column names are our own constants, never input.
package enum SQLRows {
    /// `INSERT INTO table (columns) VALUES (…), (…)`.
    package static func insert(into table: String, columns: [String], rows: some Collection<[any Encodable & Sendable]>) -> SQLQueryString {
        var query = SQLQueryString("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ")
        appendRows(rows, to: &query)
        return query
    }

    /// The same, adding `n` to a row that exists already (`conflict` is its unique key); the same
    /// on SQLite and PostgreSQL.
    package static func addingCounts(
        into table: String, columns: [String], conflict: [String], rows: some Collection<[any Encodable & Sendable]>
    ) -> SQLQueryString {
        var query = insert(into: table, columns: columns, rows: rows)
        query.appendLiteral(" ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE SET n = \(table).n + excluded.n")
        return query
    }

    /// The same for rows that share their leading values (`shared`), which are bound once:
    /// `INSERT … SELECT ?, ?, column1, column2 FROM (VALUES (…), (…)) AS v WHERE true ON CONFLICT …`.
    /// The counts of one response group share seven key values; binding them for every row was
    /// most of the work of storing a response. `column1…` are the names SQLite and PostgreSQL
    /// both give the columns of a VALUES list; `WHERE true` lets SQLite parse the upsert.
    package static func addingCounts(
        into table: String, shared: [(column: String, value: any Encodable & Sendable)], columns: [String], conflict: [String],
        rows: some Collection<[any Encodable & Sendable]>
    ) -> SQLQueryString {
        let valueColumns = (1...columns.count).map { "column\($0)" }.joined(separator: ", ")
        var query = SQLQueryString("INSERT INTO \(table) (\((shared.map(\.column) + columns).joined(separator: ", "))) SELECT ")
        query.appendInterpolation(binds: shared.map(\.value))
        query.appendLiteral(", \(valueColumns) FROM (VALUES ")
        appendRows(rows, to: &query)
        query.appendLiteral(") AS v WHERE true ON CONFLICT (\(conflict.joined(separator: ", "))) DO UPDATE SET n = \(table).n + excluded.n")
        return query
    }

    /// `(…), (…)`: each row's values as binds.
    private static func appendRows(_ rows: some Collection<[any Encodable & Sendable]>, to query: inout SQLQueryString) {
        var first = true
        for row in rows {
            query.appendLiteral(first ? "(" : ", (")
            query.appendInterpolation(binds: row)
            query.appendLiteral(")")
            first = false
        }
    }
}

/// A part that needs SQL (a migration, the rate limiter, the mailer) met a database without it:
/// it fails loudly, never skips its work or lets a request through.
package struct NeedsSQLDatabase: Error, CustomStringConvertible {
    package let component: String
    package init(component: String) { self.component = component }
    package var description: String { "\(component) needs an SQL database (SQLite or PostgreSQL)" }
}
