import Foundation
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// What someone holding a copy of the database sees: every row of every table, as text (UUIDs as
/// written by each engine: PostgreSQL's text form, SQLite's blobs in hex).
func everyRowAsText(_ app: Application) async throws -> [String: [String]] {
    let sql = try #require(app.db as? any SQLDatabase)
    var rows: [String: [String]] = [:]
    if sql.dialect.name == "sqlite" {
        let tables = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
            .map { try $0.decode(column: "name", as: String.self) }
        for table in tables {
            let columns = try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all().map { try $0.decode(column: "name", as: String.self) }
            guard !columns.isEmpty else { continue }
            let expression = columns.map { "quote(\"\($0)\")" }.joined(separator: " || ',' || ")
            rows[table] = try await sql.raw("SELECT \(unsafeRaw: expression) AS row FROM \(ident: table)").all()
                .map { try $0.decode(column: "row", as: String?.self) ?? "" }
        }
    } else {
        let tables = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").all()
            .map { try $0.decode(column: "tablename", as: String.self) }
        for table in tables {
            rows[table] = try await sql.raw("SELECT t::text AS row FROM \(ident: table) t").all().map { try $0.decode(column: "row", as: String.self) }
        }
    }
    return rows
}

/// The tables (and a row of each) where any of `needles` is found, case-insensitively. A UUID is
/// also looked for as SQLite stores it (a blob, in hex).
func tablesHolding(_ needles: [String], in app: Application) async throws -> [String: String] {
    var forms: [String] = []
    for needle in needles {
        forms.append(needle.lowercased())
        if let id = UUID(uuidString: needle) {
            forms.append(id.uuidString.lowercased())
            forms.append(withUnsafeBytes(of: id.uuid) { Data($0) }.map { String(format: "%02x", $0) }.joined())
        }
    }
    var found: [String: String] = [:]
    for (table, rows) in try await everyRowAsText(app) {
        if let row = rows.first(where: { row in forms.contains { row.lowercased().contains($0) } }) { found[table] = row }
    }
    return found
}

/// Which of an SQLite database's files (the database and its write-ahead log) hold any of
/// `needles` as bytes: someone who copies the files reads free pages and old log frames too,
/// not only the rows a query shows. Empty for PostgreSQL.
func sqliteFilesHolding(_ needles: [String], in app: Application) throws -> [String] {
    guard case .sqlite(let path) = app.config.database else { return [] }
    return try [path, path + "-wal"].filter { FileManager.default.fileExists(atPath: $0) }.filter { file in
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        return needles.contains { bytes.range(of: Data($0.utf8)) != nil }
    }.map { URL(fileURLWithPath: $0).lastPathComponent }
}
