import FluentKit
import Foundation
import MeedenkenCore

/// A questionnaire: its identity and state. Its structure lives in versions; once a version has
/// responses it is never changed (a change makes a new version).
package final class Questionnaire: Model, @unchecked Sendable {
    package static let schema = "questionnaires"

    @ID(key: .id) package var id: UUID?
    @Field(key: "key") package var key: String
    @Field(key: "kind") package var kind: QuestionnaireDefinition.Kind
    @Field(key: "audience") package var audience: QuestionnaireDefinition.Audience
    @Field(key: "anonymous") package var anonymous: Bool
    @Field(key: "is_open") package var isOpen: Bool
    /// The public part of the open link (`/v/<key>`); random, so links cannot be guessed in turn.
    @Field(key: "open_link_key") package var openLinkKey: String
    @Field(key: "created_at") package var createdAt: Date
    /// A satisfaction survey wave's first and last day (`YYYY-MM-DD`), set when current clients
    /// are first invited.
    @OptionalField(key: "wave_starts_on") package var waveStartsOn: String?
    @OptionalField(key: "wave_ends_on") package var waveEndsOn: String?
    @Children(for: \.$questionnaire) package var versions: [QuestionnaireVersion]

    package init() {}

    package init(definition: QuestionnaireDefinition, openLinkKey: String, createdAt: Date) {
        self.key = definition.key
        self.kind = definition.kind
        self.audience = definition.audience
        self.anonymous = definition.anonymous
        self.isOpen = false
        self.openLinkKey = openLinkKey
        self.createdAt = createdAt
    }
}
