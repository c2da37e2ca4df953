import FluentKit
import Foundation
import MeedenkenCore

/// A submitted response. For an anonymous questionnaire it holds only the version, the answers
/// and coarse attributes: no token, invitation, draft, person, address or time of day (DESIGN §4.1).
package final class SurveyResponse: Model, @unchecked Sendable {
    package static let schema = "responses"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "version_id") package var version: QuestionnaireVersion
    /// `YYYY-MM-DD`, never finer.
    @Field(key: "submitted_on") package var submittedOn: String
    @Field(key: "language") package var language: String
    /// `open_link`, `invitation` or `paper`.
    @Field(key: "channel") package var channel: String
    @Field(key: "respondent_role") package var respondentRole: String
    /// Known for invited respondents (from the closure's team); never for the open link.
    @OptionalField(key: "team_id") package var teamID: UUID?
    /// `12-15` and the like; never a birth year.
    @OptionalField(key: "age_band") package var ageBand: String?
    /// The answers in one text, for the export (`AnswerLine`).
    @OptionalField(key: "answer_line") package var answerLine: String?
    @Children(for: \.$response) package var answers: [ResponseAnswer]

    package init() {}

    package init(
        versionID: UUID, submittedOn: String, language: String, channel: String, respondentRole: String, teamID: UUID? = nil,
        ageBand: String? = nil, answerLine: String? = nil
    ) {
        self.teamID = teamID
        self.answerLine = answerLine
        self.ageBand = ageBand
        self.$version.id = versionID
        self.submittedOn = submittedOn
        self.language = language
        self.channel = channel
        self.respondentRole = respondentRole
    }
}
