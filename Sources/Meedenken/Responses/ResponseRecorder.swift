import Foundation
import MeedenkenCore
import MeedenkenStore
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

        /// The danger words in each open answer; only answers with any are listed.
        func flags(in answers: [String: Answer]) -> NewResponse.DangerFlags {
            var words: [String: [String]] = [:]
            for (key, answer) in answers {
                guard case .text(let text) = answer else { continue }
                let matches = codebook.dangerMatches(in: text)
                if !matches.isEmpty { words[key] = matches }
            }
            return NewResponse.DangerFlags(questionnaireID: questionnaireID, wordsByQuestion: words)
        }
    }

    /// What one respondent sends in, ready to store.
    struct Submission: Sendable {
        let draftID: UUID
        let answers: [String: Answer]
        let attributes: Attributes
        let now: Date
        /// The organisation's calendar: the response keeps only the day it falls on.
        let calendar: OrganisationCalendar

        /// The response the store writes: answers in their stored form, open answers checked
        /// for danger words, and of the time only the day (DESIGN §4.1).
        var response: NewResponse {
            let encoded = answers.sorted { $0.key < $1.key }.map { (key: $0.key, value: StoredAnswer.encode($0.value)) }
            return NewResponse(
                draft: .init(id: draftID, sentOn: calendar.startOfDay(now)), versionID: attributes.versionID,
                submittedOn: calendar.day(now), language: attributes.language, channel: attributes.channel,
                respondentRole: attributes.respondentRole, teamID: attributes.teamID, ageBand: attributes.ageBand, answers: encoded,
                completesInvitation: attributes.completesInvitation, danger: attributes.danger.map { $0.flags(in: answers) })
        }
    }

    /// Stores `answers` as a response and marks the draft sent. Of two simultaneous calls for one
    /// draft only the first stores anything (returns true). Submissions arriving together are
    /// written together (`ResponseWriteQueue`), through the store's one way of storing a
    /// response (`Store.storeResponses`).
    static func record(
        draftID: UUID, answers: [String: Answer], attributes: Attributes, now: Date, on req: Request
    ) async throws -> Bool {
        try await req.application.responseWrites.write(
            Submission(draftID: draftID, answers: answers, attributes: attributes, now: now, calendar: req.application.calendar).response)
    }
}
