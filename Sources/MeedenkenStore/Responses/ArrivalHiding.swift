import Foundation
import MeedenkenCore
import SQLKit

/// Nothing in the tables may tell in which order responses arrived (DESIGN §4.1): whoever holds
/// a copy of the database may know who answered when, and the order would pair them up. This
/// covers a response, its open answers and their danger flags, the rows written per response.
///
/// SQLite keeps a table in row-id order, so each of these rows gets a random row id.
///
/// PostgreSQL keeps a row where it was written (a dump lists rows so) and marks it with the
/// transaction that wrote it. There a batch's new rows are written among earlier responses of
/// the same day, which the same transaction writes again, all in a random order. On a day of up
/// to `rewritten` responses each batch writes the whole day again: every row of the day then has
/// the same transaction and a random place. On a busier day the newest rows are a random mix of
/// the new ones and `rewritten` earlier ones of that day. Rewriting changes the indexed `mix`
/// column, so PostgreSQL cannot leave the new version in place (a HOT update); the day itself is
/// stored anyway, so mixing within the day hides all the order there is.
package enum ArrivalHiding: Sendable {
    /// SQLite: random row ids.
    case randomRowIDs
    /// PostgreSQL: the ids of earlier responses of the same day to write again among the new ones.
    case rewriting([UUID])
    /// Made-up responses (the demo, the benchmark): there is no arrival to hide, and random places
    /// made seeding a million responses on SQLite several times slower. Never for real ones.
    case madeUp

    /// How many earlier responses of the day a batch writes again (plus one per new response).
    package static let rewritten = 32

    /// The rows one new response adds.
    package struct Written: Sendable {
        /// id, version_id, submitted_on, language, channel, respondent_role, team_id, age_band, answer_line.
        package var response: [any Encodable & Sendable]
        /// id, response_id, question_key, value.
        package var answers: [[any Encodable & Sendable]] = []
        /// id, answer_id, questionnaire_id, themes, danger, danger_words.
        package var flags: [[any Encodable & Sendable]] = []
    }

    /// PostgreSQL: a random sample of the stored responses of the submissions' days, locked for
    /// this transaction. Rows another instance is rewriting at this moment are skipped rather
    /// than waited for, so two instances never wait on each other in a circle (a deadlock).
    package static func earlierResponses(sameDayAs responses: [NewResponse]) -> SQLQueryString {
        let days = Array(Set(responses.map(\.submittedOn)))
        let limit = rewritten + responses.count
        return """
            SELECT id FROM responses WHERE submitted_on IN (\(binds: days)) ORDER BY random() LIMIT \(unsafeRaw: String(limit))
            FOR UPDATE SKIP LOCKED
            """
    }

    /// The statements that write `written`, hiding their order.
    package func statements(writing written: [Written]) -> [SQLQueryString] {
        switch self {
        case .randomRowIDs:
            return Self.inserts(written, placeColumn: "rowid")
        case .madeUp:
            return Self.inserts(written, placeColumn: nil)
        case .rewriting(let earlier):
            // Each new response and each earlier one is a step, in a random order; new responses
            // that follow each other are written in one statement.
            enum Step {
                case new(Written)
                case again(UUID)
            }
            var steps = written.map(Step.new) + earlier.map(Step.again)
            steps.shuffle()
            var statements: [SQLQueryString] = []
            var run: [Written] = []
            for step in steps {
                switch step {
                case .new(let response):
                    run.append(response)
                case .again(let id):
                    statements += Self.inserts(run, placeColumn: "mix")
                    run = []
                    statements.append(Self.writeAgain(id))
                }
            }
            return statements + Self.inserts(run, placeColumn: "mix")
        }
    }

    /// Multi-row inserts of the three tables; `placeColumn` gets a random number (SQLite's row
    /// id, PostgreSQL's `mix`), unless there is none (made-up responses).
    private static func inserts(_ written: [Written], placeColumn: String?) -> [SQLQueryString] {
        guard !written.isEmpty else { return [] }
        let place = placeColumn.map { [$0] } ?? []
        func placed(_ rows: [[any Encodable & Sendable]]) -> [[any Encodable & Sendable]] {
            guard placeColumn != nil else { return rows }
            return rows.map { [Int64.random(in: 1...(Int64.max >> 1))] + $0 }
        }
        var statements: [SQLQueryString] = []
        for chunk in placed(written.map(\.response)).inBatches(of: 100) {
            statements.append(
                SQLRows.insert(
                    into: SurveyResponse.schema,
                    columns: place + ["id", "version_id", "submitted_on", "language", "channel", "respondent_role", "team_id", "age_band", "answer_line"],
                    rows: chunk))
        }
        for chunk in placed(written.flatMap(\.answers)).inBatches(of: 200) {
            statements.append(SQLRows.insert(into: ResponseAnswer.schema, columns: place + ["id", "response_id", "question_key", "value"], rows: chunk))
        }
        for chunk in placed(written.flatMap(\.flags)).inBatches(of: 200) {
            statements.append(
                SQLRows.insert(
                    into: OpenAnswerReview.schema, columns: place + ["id", "answer_id", "questionnaire_id", "themes", "danger", "danger_words"],
                    rows: chunk))
        }
        return statements
    }

    /// Writes a stored response, its open answers and their reviews again, in one statement.
    private static func writeAgain(_ id: UUID) -> SQLQueryString {
        let mix = Int64.random(in: 1...(Int64.max >> 1))
        return """
            WITH response AS (UPDATE responses SET mix = \(bind: mix) WHERE id = \(bind: id)),
            answer AS (UPDATE response_answers SET mix = \(bind: mix) WHERE response_id = \(bind: id) RETURNING id)
            UPDATE open_answer_reviews SET mix = \(bind: mix) WHERE answer_id IN (SELECT id FROM answer)
            """
    }
}
