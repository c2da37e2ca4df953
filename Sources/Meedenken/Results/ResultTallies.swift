import Fluent
import Foundation
import MeedenkenCore
import SQLKit

/// Counts kept up to date as responses come in, so results of a million responses are read from
/// a few thousand rows instead of twenty million. Exact, not estimated: a response and its
/// counts are written in one transaction, responses are never changed afterwards, and the
/// suppression runs on these counts exactly as on the raw rows. Open-answer texts are counted as
/// `text:` only.
enum ResultTallies {
    /// What a response is counted by: everything results can be filtered or broken down on.
    struct Key: Hashable, Sendable {
        let versionID: UUID
        /// The team's id as text, or "" for none (so the unique key has no NULL in it).
        let team: String
        let role: String
        let ageBand: String
        let language: String
        let channel: String
        /// `2026-05`: months are the finest period results show; quarters are summed from them.
        let month: String

        /// The same order on every instance (a dictionary's order differs per process).
        var order: String { [versionID.uuidString, team, role, ageBand, language, channel, month].joined(separator: "\u{1F}") }

        /// The key of `answer_totals`, which counts over all months.
        var withoutMonth: Key {
            Key(versionID: versionID, team: team, role: role, ageBand: ageBand, language: language, channel: channel, month: "")
        }
    }

    struct Counted: Sendable {
        let key: Key
        /// Question key and stored value.
        let answers: [(String, String)]
    }

    static func key(versionID: UUID, teamID: UUID?, role: String, ageBand: String?, language: String, channel: String, submittedOn: String) -> Key {
        Key(
            versionID: versionID, team: teamID?.uuidString.lowercased() ?? "", role: role, ageBand: ageBand ?? "-", language: language,
            channel: channel, month: String(submittedOn.prefix(7)))
    }

    /// `2026-Q2` for `2026-05` or `2026-05-12`.
    static func quarter(of day: String) -> String {
        let parts = day.split(separator: "-")
        guard parts.count >= 2, let month = Int(parts[1]) else { return day }
        return "\(parts[0])-Q\((month + 2) / 3)"
    }

    static let keyColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel", "month"]
    /// `answer_totals` has the same key without the month: the table every view without a
    /// period reads, a tenth or less of `answer_tallies`.
    static let totalColumns = ["version_id", "team", "respondent_role", "age_band", "language", "channel"]

    /// What is counted of an answer: texts only as "an open answer".
    static func countedValue(_ stored: String) -> String { stored.hasPrefix("text:") ? "text:" : stored }

    /// Adds responses to the counts (call inside the transaction that stores them). `totals` is
    /// false only for the migration that recounted by month before `answer_totals` existed.
    static func add(_ responses: [Counted], totals: Bool = true, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for statement in statements(adding: responses, totals: totals) { try await sql.raw(statement).run() }
    }

    /// The statements that add responses to the counts: built apart from running them, because
    /// the SQLite response writer runs them as one chain on its own connection. Counted per key
    /// first (a batch of responses mostly shares one), so each answer is hashed by question and
    /// value only, and each key's values are bound once per statement.
    static func statements(adding responses: [Counted], totals: Bool = true) -> [SQLQueryString] {
        guard !responses.isEmpty else { return [] }
        var countsByKey: [Key: Counts] = [:]
        for response in responses { countsByKey[response.key, default: Counts()].add(response.answers) }
        var statements: [SQLQueryString] = []
        // Rows in one order on every instance: two instances adding to the same counts then lock
        // them in the same order and never wait on each other in a circle (a deadlock).
        let counts = countsByKey.sorted { $0.key.order < $1.key.order }
        for chunk in counts.inBatches(of: 400) {
            statements.append(
                SQLRows.addingCounts(
                    into: "response_tallies", columns: keyColumns + ["n"], conflict: keyColumns, rows: chunk.map { binds($0.key) + [$0.value.respondents] }))
        }
        let answerColumns = ["question_key", "value", "n"]
        for (key, count) in counts {
            for chunk in count.answers.sorted(by: { $0.key.order < $1.key.order }).inBatches(of: 400) {
                statements.append(
                    SQLRows.addingCounts(
                        into: "answer_tallies", shared: Array(zip(keyColumns, binds(key))), columns: answerColumns,
                        conflict: keyColumns + ["question_key", "value"], rows: chunk.map { [$0.key.question, $0.key.value, $0.value] }))
            }
        }
        guard totals else { return statements }
        var totalCounts: [Key: [QuestionValue: Int]] = [:]
        for (key, count) in counts {
            totalCounts[key.withoutMonth, default: [:]].merge(count.answers, uniquingKeysWith: +)
        }
        for (key, answers) in totalCounts.sorted(by: { $0.key.order < $1.key.order }) {
            for chunk in answers.sorted(by: { $0.key.order < $1.key.order }).inBatches(of: 400) {
                statements.append(
                    SQLRows.addingCounts(
                        into: "answer_totals", shared: Array(zip(totalColumns, binds(key))), columns: answerColumns,
                        conflict: totalColumns + ["question_key", "value"], rows: chunk.map { [$0.key.question, $0.key.value, $0.value] }))
            }
        }
        return statements
    }

    private struct QuestionValue: Hashable {
        let question: String
        let value: String

        var order: String { question + "\u{1F}" + value }
    }

    /// The respondents and answers of one key.
    private struct Counts {
        var respondents = 0
        var answers: [QuestionValue: Int] = [:]

        mutating func add(_ answered: [(String, String)]) {
            respondents += 1
            for (question, value) in answered { answers[QuestionValue(question: question, value: countedValue(value)), default: 0] += 1 }
        }
    }

    private static func binds(_ key: Key) -> [any Encodable & Sendable] {
        [key.versionID, key.team, key.role, key.ageBand, key.language, key.channel, key.month]
    }
}

extension Array {
    func inBatches(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// The two count tables, first counted by quarter. `CountResultTalliesByMonth` replaces them.
struct CreateResultTallies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ResultTallyTables.create(periodColumn: "quarter", on: database)
    }

    func revert(on database: any Database) async throws {
        try await ResultTallyTables.drop(on: database)
    }
}

/// Counts by month, so results can follow a continuous questionnaire month by month; quarters
/// are sums of months. Recounted from the stored responses, which never change.
struct CountResultTalliesByMonth: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await ResultTallyTables.drop(on: database)
        try await ResultTallyTables.create(periodColumn: "month", on: database)
        try await ResultTallyTables.backfill(on: database)
    }

    func revert(on database: any Database) async throws {
        try await ResultTallyTables.drop(on: database)
        try await ResultTallyTables.create(periodColumn: "quarter", on: database)
    }
}

enum ResultTallyTables {
    static func create(periodColumn: String, on database: any Database) async throws {
        for (table, extra) in [("response_tallies", false), ("answer_tallies", true)] {
            // No id column: the unique key over every counted attribute is the key.
            var schema = database.schema(table)
                .field("version_id", .uuid, .required, .references(QuestionnaireVersion.schema, .id))
                .field("team", .string, .required)
                .field("respondent_role", .string, .required)
                .field("age_band", .string, .required)
                .field("language", .string, .required)
                .field("channel", .string, .required)
                .field(.string(periodColumn), .string, .required)
            var unique: [FieldKey] = ["version_id", "team", "respondent_role", "age_band", "language", "channel", .string(periodColumn)]
            if extra {
                schema = schema.field("question_key", .string, .required).field("value", .string, .required)
                unique += ["question_key", "value"]
            }
            try await schema.field("n", .int, .required).constraint(.constraint(.unique(fields: unique.map { .key($0) }), name: "uq_\(table)")).create()
        }
    }

    static func drop(on database: any Database) async throws {
        try await database.schema("answer_tallies").delete()
        try await database.schema("response_tallies").delete()
    }

    /// Counts the stored responses in batches, in plain SQL: a migration cannot use the models,
    /// which describe the tables as the last migration leaves them.
    static func backfill(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let answers = AnswerLine.sqlFold(sql, response: "r.id", countingTexts: true)
        var lastID: UUID?
        while true {
            var query = SQLQueryString(
                "SELECT r.id, r.version_id, r.submitted_on, r.team_id, r.respondent_role, r.age_band, r.language, r.channel, \(unsafeRaw: answers) AS answers FROM responses r"
            )
            if let lastID {
                query.appendLiteral(" WHERE r.id > ")
                query.appendInterpolation(bind: lastID)
            }
            query.appendLiteral(" ORDER BY r.id LIMIT 1000")
            let rows = try await sql.raw(query).all()
            guard !rows.isEmpty else { return }
            lastID = try rows.last?.decode(column: "id", as: UUID.self)
            let counted = try rows.map { row in
                ResultTallies.Counted(
                    key: ResultTallies.key(
                        versionID: try row.decode(column: "version_id", as: UUID.self), teamID: try row.decode(column: "team_id", as: UUID?.self),
                        role: try row.decode(column: "respondent_role", as: String.self), ageBand: try row.decode(column: "age_band", as: String?.self),
                        language: try row.decode(column: "language", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                        submittedOn: try row.decode(column: "submitted_on", as: String.self)),
                    answers: (try row.decode(column: "answers", as: String?.self) ?? "").split(separator: AnswerLine.separator).compactMap { pair in
                        pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
                    })
            }
            try await ResultTallies.add(counted, totals: false, on: database)
        }
    }
}

/// Answer counts without the month, summed from `answer_tallies`: what every view without a
/// period reads (see `ResultsData`).
struct CreateAnswerTotals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("answer_totals")
            .field("version_id", .uuid, .required, .references(QuestionnaireVersion.schema, .id))
            .field("team", .string, .required)
            .field("respondent_role", .string, .required)
            .field("age_band", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("question_key", .string, .required)
            .field("value", .string, .required)
            .field("n", .int, .required)
            .constraint(
                .constraint(.unique(fields: (ResultTallies.totalColumns + ["question_key", "value"]).map { .key(.string($0)) }), name: "uq_answer_totals")
            )
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        let columns = (ResultTallies.totalColumns + ["question_key", "value"]).joined(separator: ", ")
        try await sql.raw(
            "INSERT INTO answer_totals (\(unsafeRaw: columns), n) SELECT \(unsafeRaw: columns), SUM(n) FROM answer_tallies GROUP BY \(unsafeRaw: columns)"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("answer_totals").delete()
    }
}

/// Answers are read per response (exports, open-answer review, the cascade when a response
/// goes): without this index each of those reads scans every answer.
struct AddResponseAnswerIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX response_answers_response ON response_answers (response_id)").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX response_answers_response").run()
    }
}
