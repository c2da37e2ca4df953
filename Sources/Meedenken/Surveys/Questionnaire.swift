import Fluent
import Foundation
import MeedenkenCore

/// A questionnaire: its identity and state. Its structure lives in versions; once a version has
/// responses it is never changed (a change makes a new version).
final class Questionnaire: Model, @unchecked Sendable {
    static let schema = "questionnaires"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "kind") var kind: QuestionnaireDefinition.Kind
    @Field(key: "audience") var audience: QuestionnaireDefinition.Audience
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "is_open") var isOpen: Bool
    /// The public part of the open link (`/v/<key>`); random, so links cannot be guessed in turn.
    @Field(key: "open_link_key") var openLinkKey: String
    @Field(key: "created_at") var createdAt: Date
    /// A satisfaction survey wave's first and last day (`YYYY-MM-DD`), set when current clients
    /// are first invited.
    @OptionalField(key: "wave_starts_on") var waveStartsOn: String?
    @OptionalField(key: "wave_ends_on") var waveEndsOn: String?
    @Children(for: \.$questionnaire) var versions: [QuestionnaireVersion]

    init() {}

    init(definition: QuestionnaireDefinition, openLinkKey: String, createdAt: Date) {
        self.key = definition.key
        self.kind = definition.kind
        self.audience = definition.audience
        self.anonymous = definition.anonymous
        self.isOpen = false
        self.openLinkKey = openLinkKey
        self.createdAt = createdAt
    }
}
