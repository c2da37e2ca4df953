import Fluent
import Foundation

/// A submitted response. For an anonymous questionnaire it holds only the version, the answers
/// and coarse attributes: no token, invitation, draft, person, address or time of day (DESIGN §4.1).
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "responses"

    @ID(key: .id) var id: UUID?
    @Parent(key: "version_id") var version: QuestionnaireVersion
    /// `YYYY-MM-DD`, never finer.
    @Field(key: "submitted_on") var submittedOn: String
    @Field(key: "language") var language: String
    /// `open_link`, `invitation` or `paper`.
    @Field(key: "channel") var channel: String
    @Field(key: "respondent_role") var respondentRole: String
    /// Known for invited respondents (from the closure's team); never for the open link.
    @OptionalField(key: "team_id") var teamID: UUID?
    /// `12-15` and the like; never a birth year.
    @OptionalField(key: "age_band") var ageBand: String?
    /// The answers in one text, for the export (`AnswerLine`).
    @OptionalField(key: "answer_line") var answerLine: String?
    @Children(for: \.$response) var answers: [ResponseAnswer]

    init() {}

    init(
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
