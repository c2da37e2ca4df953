import Foundation
import MeedenkenCore

/// A response to store (`Store.storeResponses`), from a respondent's draft or made up (the demo,
/// the benchmark). It holds only what a stored response may hold (DESIGN §4.1): no token,
/// invitation, person or time finer than the day.
package struct NewResponse: Sendable {
    /// The draft a respondent sends it from: claimed once, so a draft sent twice is stored once.
    package struct Draft: Sendable {
        package let id: UUID
        /// The day it is sent (its start, in the organisation's time zone): all a sent draft keeps.
        package let sentOn: Date

        package init(id: UUID, sentOn: Date) {
            self.id = id
            self.sentOn = sentOn
        }
    }

    /// Open answers flagged for danger words as they are stored, so a coordinator is told at once
    /// (never who wrote it).
    package struct DangerFlags: Sendable {
        package let questionnaireID: UUID
        /// The danger words found, by question key (only the answers with any).
        package let wordsByQuestion: [String: [String]]

        package init(questionnaireID: UUID, wordsByQuestion: [String: [String]]) {
            self.questionnaireID = questionnaireID
            self.wordsByQuestion = wordsByQuestion
        }
    }

    /// Nil for a made-up response.
    package let draft: Draft?
    package let versionID: UUID
    /// `YYYY-MM-DD`, never finer.
    package let submittedOn: String
    package let language: String
    /// `open_link`, `invitation` or `paper`.
    package let channel: String
    package let respondentRole: String
    package let teamID: UUID?
    package let ageBand: String?
    /// Question keys and stored values (`StoredAnswer`).
    package let answers: [(key: String, value: String)]
    /// The invitation that learns "completed" and nothing else, in the same transaction.
    package let completesInvitation: UUID?
    package let danger: DangerFlags?

    package init(
        draft: Draft?, versionID: UUID, submittedOn: String, language: String, channel: String, respondentRole: String, teamID: UUID? = nil,
        ageBand: String? = nil, answers: [(key: String, value: String)], completesInvitation: UUID? = nil, danger: DangerFlags? = nil
    ) {
        self.draft = draft
        self.versionID = versionID
        self.submittedOn = submittedOn
        self.language = language
        self.channel = channel
        self.respondentRole = respondentRole
        self.teamID = teamID
        self.ageBand = ageBand
        self.answers = answers
        self.completesInvitation = completesInvitation
        self.danger = danger
    }
}
