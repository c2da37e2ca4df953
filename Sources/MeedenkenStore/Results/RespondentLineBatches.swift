import Foundation
import MeedenkenCore
import SQLKit

/// One response as the respondent export reads it: its attributes and its answers in one text
/// (`attributes` fields split by U+1F, then U+1E, then the answer line), and its id (as text)
/// when reviewed open answers are to be joined to it. Never in the order responses came.
package struct RespondentLine: Sendable {
    /// Version id, submission day, team id, role, age band, language, channel; ids as text
    /// (SQLite stores them upper case, PostgreSQL prints them lower case).
    package let line: String
    package let id: String?
}

/// The responses of a questionnaire's versions in batches, one statement each, so memory stays
/// flat however many there are; the next batch is read while the caller writes this one (the
/// database works on its own thread or server). Within a batch the rows are shuffled: on
/// PostgreSQL pages hold rows in the order they came, and a file must not tell arrival order.
package struct RespondentLineBatches: Sendable {
    static let batchSize = 2_000
    /// About 2,000 responses on PostgreSQL's 8 kB pages.
    static let pagesPerBatch = 160

    private let read: @Sendable (Int) async throws -> (rows: [RespondentLine], next: Int?)
    private var reading: Task<(rows: [RespondentLine], next: Int?), any Error>?

    init(read: @escaping @Sendable (Int) async throws -> (rows: [RespondentLine], next: Int?)) {
        self.read = read
        reading = Task { try await read(0) }
    }

    /// The next batch, shuffled; nil after the last.
    package mutating func next() async throws -> [RespondentLine]? {
        guard let current = reading else { return nil }
        let (rows, following) = try await current.value
        let read = read
        reading = following.map { position in Task { try await read(position) } }
        return rows.shuffled()
    }
}

extension Store {
    /// Starts reading the responses of `versionIDs`, with their ids when `withIDs`. Each response's
    /// answers are one stored text (`AnswerLine`, filled for older responses by its migration). No
    /// fallback to the answers table here: PostgreSQL would judge the query costly and compile it
    /// (JIT) for every batch. SQLite reads the table in its own order (rowid), one pass over the
    /// file; PostgreSQL reads its pages in order, a range of pages per batch (a TID range scan,
    /// PostgreSQL 14 and later).
    package func respondentLines(versionIDs: [UUID], withIDs: Bool) async throws -> RespondentLineBatches {
        let sql = sql
        let postgres = !isSQLite
        let pageCount =
            postgres
            ? try await sql.raw("SELECT CAST(pg_relation_size('responses') / current_setting('block_size')::int AS BIGINT) AS n").first()?
                .decode(column: "n", as: Int.self) ?? 0 : 0
        // A response's attributes in one text (ids as text too): one column to decode per row,
        // not seven, and no UUID to parse.
        let column: [RespondentRecordLine.Field: String] = [
            .versionID: "CAST(r.version_id AS TEXT)", .submittedOn: "r.submitted_on", .teamID: "CAST(r.team_id AS TEXT)",
            .role: "r.respondent_role", .ageBand: "r.age_band", .language: "r.language", .channel: "r.channel",
        ]
        let fieldSeparator = String(UnicodeScalar(RespondentRecordLine.fieldSeparator))
        let answersSeparator = String(UnicodeScalar(RespondentRecordLine.answersSeparator))
        let attributes = RespondentRecordLine.Field.allCases.map { "COALESCE(\(column[$0] ?? "''"), '')" }.joined(separator: " || '\(fieldSeparator)' || ")
        let answers = "r.answer_line"
        let batchSize = RespondentLineBatches.batchSize
        let pagesPerBatch = RespondentLineBatches.pagesPerBatch
        // PostgreSQL's pages hold rows roughly in the order they came: the ranges are read in a
        // random order too, so not even which thousands came first can be told from the file.
        let ranges = Array(stride(from: 0, to: max(pageCount, 1), by: pagesPerBatch)).shuffled()
        /// The rows from `position` on (SQLite: after that rowid; PostgreSQL: the range at that
        /// place in `ranges`), and where the next batch starts, if there is one.
        @Sendable func batch(_ position: Int) async throws -> (rows: [RespondentLine], next: Int?) {
            var query = SQLQueryString(
                "SELECT \(unsafeRaw: postgres ? "" : "r.rowid AS k, ")\(unsafeRaw: withIDs ? "CAST(r.id AS TEXT) AS id, " : "")\(unsafeRaw: attributes) || '\(unsafeRaw: answersSeparator)' || COALESCE(\(unsafeRaw: answers), '') AS line FROM responses r WHERE r.version_id IN ("
            )
            query.appendInterpolation(binds: versionIDs)
            query.appendLiteral(")")
            let rows: [any SQLRow]
            let next: Int?
            if postgres {
                let start = ranges[position]
                let end = start + pagesPerBatch
                query.appendLiteral(" AND r.ctid >= CAST('(\(start),0)' AS tid) AND r.ctid < CAST('(\(end),0)' AS tid)")
                rows = try await sql.raw(query).all()
                next = position + 1 < ranges.count ? position + 1 : nil
            } else {
                query.appendLiteral(" AND r.rowid > \(position) ORDER BY r.rowid LIMIT \(batchSize)")
                rows = try await sql.raw(query).all()
                next = rows.count == batchSize ? try rows.last?.decode(column: "k", as: Int.self) : nil
            }
            return (
                try rows.map { row in
                    RespondentLine(line: try row.decode(column: "line", as: String.self), id: withIDs ? try row.decode(column: "id", as: String.self) : nil)
                }, next
            )
        }
        return RespondentLineBatches(read: batch)
    }
}
