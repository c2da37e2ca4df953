import Fluent
import Foundation
import MeedenkenCore
import SQLKit

/// A response's answers in one text, stored with the response, so the respondent export reads
/// one row per response instead of twenty: `key=value` pairs joined by the unit separator, which
/// neither keys nor stored values contain. Open-answer texts are left out: the export only ever
/// shows their reviewed, masked version, read apart. Responses never change, so the line never
/// goes stale.
enum AnswerLine {
    static let separator: Character = "\u{1F}"

    /// From question keys and stored values.
    static func make(_ answers: [(String, String)]) -> String {
        answers.filter { !$0.1.hasPrefix("text:") }.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: String(separator))
    }

    /// The line with only the pairs whose key passes `keep`.
    static func keeping(_ line: String, _ keep: (String) -> Bool) -> String {
        line.split(separator: separator).filter { pair in keep(String(pair.prefix { $0 != "=" })) }.joined(separator: String(separator))
    }

    static func parse(_ line: String) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for pair in line.split(separator: separator) {
            guard let equals = pair.firstIndex(of: "="), let answer = StoredAnswer.decode(String(pair[pair.index(after: equals)...])) else { continue }
            answers[String(pair[..<equals])] = answer
        }
        return answers
    }

    /// The same fold in SQL, for responses stored before the line existed (the migrations).
    /// `countingTexts` keeps open answers, as `text:` only.
    static func sqlFold(_ sql: any SQLDatabase, response: String, countingTexts: Bool = false) -> String {
        let value = countingTexts ? "CASE WHEN a.value LIKE 'text:%' THEN 'text:' ELSE a.value END" : "a.value"
        let fold =
            sql.dialect.name == "sqlite"
            ? "group_concat(a.question_key || '=' || \(value), char(31))" : "string_agg(a.question_key || '=' || \(value), chr(31))"
        let texts = countingTexts ? "" : " AND a.value NOT LIKE 'text:%'"
        return "(SELECT \(fold) FROM response_answers a WHERE a.response_id = \(response)\(texts))"
    }
}

/// Adds the answer line to responses and fills it for those already stored.
struct AddResponseAnswerLine: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE responses ADD COLUMN answer_line TEXT").run()
        try await Self.fill(sql)
    }

    static func fill(_ sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE responses SET answer_line = \(unsafeRaw: AnswerLine.sqlFold(sql, response: "responses.id"))").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("ALTER TABLE responses DROP COLUMN answer_line").run()
    }
}

/// Closed answers are kept in the response's answer line and in the counts; `response_answers`
/// keeps open answers only, each reviewed on its own. Removes the closed ones stored before
/// (every fold from them has run by now, in the migrations before this one).
struct KeepOnlyOpenAnswersApart: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DELETE FROM response_answers WHERE value NOT LIKE 'text:%'").run()
    }

    /// The closed answers come back from the answer lines.
    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        let rows = try await sql.raw("SELECT id, answer_line FROM responses WHERE answer_line IS NOT NULL AND answer_line <> ''").all()
        for chunk in rows.inBatches(of: 100) {
            var answers: [[any Encodable & Sendable]] = []
            for row in chunk {
                let responseID = try row.decode(column: "id", as: UUID.self)
                for pair in try row.decode(column: "answer_line", as: String.self).split(separator: AnswerLine.separator) {
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    answers.append([UUID(), responseID, String(pair[..<equals]), String(pair[pair.index(after: equals)...])])
                }
            }
            for part in answers.inBatches(of: 500) {
                try await sql.raw(SQLRows.insert(into: "response_answers", columns: ["id", "response_id", "question_key", "value"], rows: part)).run()
            }
        }
    }
}
