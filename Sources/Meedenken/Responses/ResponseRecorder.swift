import Fluent
import Foundation
import MeedenkenCore
import SQLKit
import Vapor

/// Turns a draft into a stored response, once. Used by the open link, invitations and paper entry.
enum ResponseRecorder {
    struct Attributes: Sendable {
        let versionID: UUID
        let language: String
        /// `open_link`, `invitation` or `paper`.
        let channel: String
        let respondentRole: String
        var teamID: UUID? = nil
        var ageBand: String? = nil
        /// The invitation learns "completed" and nothing else, in the same transaction.
        var completesInvitation: UUID? = nil
        /// Open answers are checked for danger words as they are stored, so a coordinator is
        /// told at once (never who wrote it).
        var danger: DangerCheck? = nil
    }

    struct DangerCheck: Sendable {
        let questionnaireID: UUID
        let codebook: Codebook

        /// The check for a request's answers, or nil when there is no open answer to check.
        static func make(_ req: Request, questionnaireID: UUID, answers: [String: Answer]) async throws -> DangerCheck? {
            guard answers.values.contains(where: { if case .text(let text) = $0 { !text.isEmpty } else { false } }) else { return nil }
            return DangerCheck(questionnaireID: questionnaireID, codebook: try await CodebookStore.current(req.application, on: req.db))
        }
    }

    /// What one respondent sends in, ready to store.
    struct Submission: Sendable {
        let draftID: UUID
        let answers: [String: Answer]
        let attributes: Attributes
        let now: Date
    }

    /// Stores `answers` as a response and marks the draft sent. Of two simultaneous calls for one
    /// draft only the first stores anything (returns true). Submissions arriving together are
    /// written together (`ResponseWriteQueue`).
    static func record(
        draftID: UUID, answers: [String: Answer], attributes: Attributes, now: Date, on req: Request
    ) async throws -> Bool {
        try await req.application.responseWrites.write(
            Submission(draftID: draftID, answers: answers, attributes: attributes, now: now), on: req.application.db)
    }

    /// Stores submissions in one transaction; per submission whether it was stored. The claim of
    /// each draft is an `UPDATE … WHERE is_sent = false RETURNING id`, which SQLite serialises and
    /// PostgreSQL re-checks for a second writer, so a draft is stored once however often it is
    /// sent. A response gets no reference to its draft, and only the day (DESIGN §4.1).
    static func store(_ submissions: [Submission], on database: any Database) async throws -> [Bool] {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw LocalizedError(.internalServerError, "error.message.500") }
            var stored: [Bool] = []
            var responseRows: [[any SQLExpression]] = []
            var answerRows: [[any SQLExpression]] = []
            var invitations: [UUID] = []
            var flagged: [OpenAnswerReview] = []
            var counted: [ResultTallies.Counted] = []
            for submission in submissions {
                let claimed = try await sql.raw(
                    """
                    UPDATE response_drafts SET is_sent = \(bind: true), answers = '{}', current_page = NULL, updated_at = \(bind: submission.now)
                    WHERE id = \(bind: submission.draftID) AND is_sent = \(bind: false) RETURNING id
                    """
                ).first()
                stored.append(claimed != nil)
                guard claimed != nil else { continue }
                let attributes = submission.attributes
                let responseID = UUID()
                let day = day(submission.now)
                let encoded = submission.answers.sorted { $0.key < $1.key }.map { ($0.key, StoredAnswer.encode($0.value)) }
                responseRows.append([
                    SQLBind(responseID), SQLBind(attributes.versionID), SQLBind(day), SQLBind(attributes.language), SQLBind(attributes.channel),
                    SQLBind(attributes.respondentRole), SQLBind(attributes.teamID), SQLBind(attributes.ageBand), SQLBind(AnswerLine.make(encoded)),
                ])
                // The invitation learns "completed", and its address is no longer needed.
                if let invitationID = attributes.completesInvitation { invitations.append(invitationID) }
                for (key, answer) in submission.answers.sorted(by: { $0.key < $1.key }) {
                    let answerID = UUID()
                    answerRows.append([SQLBind(answerID), SQLBind(responseID), SQLBind(key), SQLBind(StoredAnswer.encode(answer))])
                    if let danger = attributes.danger, case .text(let text) = answer {
                        let matches = danger.codebook.dangerMatches(in: text)
                        guard !matches.isEmpty else { continue }
                        let review = OpenAnswerReview(answerID: answerID, questionnaireID: danger.questionnaireID)
                        review.danger = true
                        review.dangerWords = matches.joined(separator: ", ")
                        flagged.append(review)
                    }
                }
                counted.append(
                    .init(
                        key: ResultTallies.key(
                            versionID: attributes.versionID, teamID: attributes.teamID, role: attributes.respondentRole, ageBand: attributes.ageBand,
                            language: attributes.language, channel: attributes.channel, submittedOn: day),
                        answers: encoded))
            }
            for chunk in responseRows.inBatches(of: 500) {
                var insert = sql.insert(into: SurveyResponse.schema).columns(
                    "id", "version_id", "submitted_on", "language", "channel", "respondent_role", "team_id", "age_band", "answer_line")
                for row in chunk { insert = insert.values(row) }
                try await insert.run()
            }
            if !invitations.isEmpty {
                try await sql.raw("UPDATE invitations SET completed = \(bind: true), email = NULL WHERE id IN (\(binds: invitations))").run()
            }
            for chunk in answerRows.inBatches(of: 1_500) {
                var insert = sql.insert(into: ResponseAnswer.schema).columns("id", "response_id", "question_key", "value")
                for row in chunk { insert = insert.values(row) }
                try await insert.run()
            }
            for review in flagged { try await review.create(on: database) }
            try await ResultTallies.add(counted, on: database)
            return stored
        }
    }

    /// The day in the organisation's time zone, as `YYYY-MM-DD`.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
