import Fluent
import Foundation
import MeedenkenCore
import SQLKit
import Vapor

/// Turns a draft into a stored response, once. Used by the open link, invitations and paper entry.
enum ResponseRecorder {
    struct Attributes {
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

    struct DangerCheck {
        let questionnaireID: UUID
        let codebook: Codebook

        /// The check for a request's answers, or nil when there is no open answer to check.
        static func make(_ req: Request, questionnaireID: UUID, answers: [String: Answer]) async throws -> DangerCheck? {
            guard answers.values.contains(where: { if case .text(let text) = $0 { !text.isEmpty } else { false } }) else { return nil }
            return DangerCheck(questionnaireID: questionnaireID, codebook: try await CodebookStore.current(req.application, on: req.db))
        }
    }

    /// Stores `answers` as a response and marks the draft sent, in one transaction. Of two
    /// simultaneous calls for one draft only the first stores anything (returns true): the claim
    /// is an `UPDATE … WHERE is_sent = false RETURNING id`, which SQLite serialises and PostgreSQL
    /// re-checks for the second writer. The response gets no reference to the draft, and only
    /// the day (DESIGN §4.1).
    static func record(
        draftID: UUID, answers: [String: Answer], attributes: Attributes, now: Date, on database: any Database
    ) async throws -> Bool {
        try await database.transaction { database in
            guard let sql = database as? any SQLDatabase else { throw LocalizedError(.internalServerError, "error.message.500") }
            let claimed = try await sql.raw(
                """
                UPDATE response_drafts SET is_sent = \(bind: true), answers = '{}', current_page = NULL, updated_at = \(bind: now)
                WHERE id = \(bind: draftID) AND is_sent = \(bind: false) RETURNING id
                """
            ).first()
            guard claimed != nil else { return false }
            let response = SurveyResponse(
                versionID: attributes.versionID, submittedOn: day(now), language: attributes.language,
                channel: attributes.channel, respondentRole: attributes.respondentRole, teamID: attributes.teamID,
                ageBand: attributes.ageBand, answerLine: AnswerLine.make(answers.map { ($0.key, StoredAnswer.encode($0.value)) }))
            try await response.create(on: database)
            if let invitationID = attributes.completesInvitation {
                // The address is no longer needed once the invitation is answered.
                try await sql.raw("UPDATE invitations SET completed = \(bind: true), email = NULL WHERE id = \(bind: invitationID)").run()
            }
            let responseID = try response.requireID()
            // One statement for all answers: a response is stored in four statements, whatever its length.
            if !answers.isEmpty {
                var insert = sql.insert(into: ResponseAnswer.schema).columns("id", "response_id", "question_key", "value")
                var flagged: [OpenAnswerReview] = []
                for (key, answer) in answers.sorted(by: { $0.key < $1.key }) {
                    let answerID = UUID()
                    insert = insert.values(SQLBind(answerID), SQLBind(responseID), SQLBind(key), SQLBind(StoredAnswer.encode(answer)))
                    if let danger = attributes.danger, case .text(let text) = answer {
                        let matches = danger.codebook.dangerMatches(in: text)
                        guard !matches.isEmpty else { continue }
                        let review = OpenAnswerReview(answerID: answerID, questionnaireID: danger.questionnaireID)
                        review.danger = true
                        review.dangerWords = matches.joined(separator: ", ")
                        flagged.append(review)
                    }
                }
                try await insert.run()
                for review in flagged { try await review.create(on: database) }
            }
            try await ResultTallies.add(
                [
                    .init(
                        key: ResultTallies.key(
                            versionID: attributes.versionID, teamID: attributes.teamID, role: attributes.respondentRole, ageBand: attributes.ageBand,
                            language: attributes.language, channel: attributes.channel, submittedOn: response.submittedOn),
                        answers: answers.map { ($0.key, StoredAnswer.encode($0.value)) })
                ], on: database)
            return true
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
