import Foundation
import MeedenkenCore
import SQLKit

/// What answering needs of a questionnaire: whether it is open, whether it is anonymous, and its
/// latest version. Read on every page a respondent sees or sends, together with the respondent's
/// draft, in one plain SQL query: the three model queries it replaces cost more in reflection
/// and thread hops than in the database. The decoded structure comes from `DefinitionCache`,
/// keyed by the document's text, so it is never stale.
package struct AnsweringSubject: Sendable {
    package let questionnaireID: UUID
    package let isOpen: Bool
    package let anonymous: Bool
    package let versionID: UUID
    package let definition: QuestionnaireDefinition

    package struct Found: Sendable {
        package let subject: AnsweringSubject
        /// The respondent's draft for the latest version, if they started one.
        package let draft: DraftState?
    }
}

extension Store {
    /// Through the open link; the draft is the one whose cookie token hashes to `draftTokenHash`.
    package func answeringSubject(openLinkKey: String, draftTokenHash: String?) async throws -> AnsweringSubject.Found? {
        try Self.found(
            try await sql.raw(
                Self.answeringQuery(
                    draft: "d.token_hash = \(bind: draftTokenHash ?? "") AND d.version_id = v.id", where: "q.open_link_key = \(bind: openLinkKey)")
            ).first())
    }

    /// Through a personal invitation; its draft is found by the invitation, and, when
    /// `draftTokenHash` is given (a child's invitation), only in the browser that holds its token.
    package func answeringSubject(questionnaireID: UUID, invitationID: UUID, draftTokenHash: String? = nil) async throws -> AnsweringSubject.Found? {
        let draft: SQLQueryString =
            if let draftTokenHash {
                "d.invitation_id = \(bind: invitationID) AND d.token_hash = \(bind: draftTokenHash)"
            } else {
                "d.invitation_id = \(bind: invitationID)"
            }
        return try Self.found(try await sql.raw(Self.answeringQuery(draft: draft, where: "q.id = \(bind: questionnaireID)")).first())
    }

    private static func answeringQuery(draft: SQLQueryString, where condition: SQLQueryString) -> SQLQueryString {
        var query = SQLQueryString(
            """
            SELECT q.id AS questionnaire_id, q.is_open AS is_open, q.anonymous AS anonymous, v.id AS version_id, v.definition AS definition,
            d.id AS draft_id, d.answers AS draft_answers, d.current_page AS draft_page, d.is_sent AS draft_sent,
            d.updated_at AS draft_updated
            FROM questionnaires q JOIN questionnaire_versions v ON v.questionnaire_id = q.id LEFT JOIN response_drafts d ON 
            """)
        query.appendInterpolation(draft)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(condition)
        query.appendLiteral(" ORDER BY v.number DESC LIMIT 1")
        return query
    }

    private static func found(_ row: (any SQLRow)?) throws -> AnsweringSubject.Found? {
        guard let row else { return nil }
        let subject = AnsweringSubject(
            questionnaireID: try row.decode(column: "questionnaire_id", as: UUID.self), isOpen: try row.decode(column: "is_open", as: Bool.self),
            anonymous: try row.decode(column: "anonymous", as: Bool.self), versionID: try row.decode(column: "version_id", as: UUID.self),
            definition: try QuestionnaireVersion.definition(json: try row.decode(column: "definition", as: String.self)))
        guard let draftID = try row.decode(column: "draft_id", as: UUID?.self) else { return AnsweringSubject.Found(subject: subject, draft: nil) }
        let draft = DraftState(
            id: draftID, answers: ResponseDraft.answers(fromJSON: try row.decode(column: "draft_answers", as: String.self)),
            currentPage: try row.decode(column: "draft_page", as: String?.self), isSent: try row.decode(column: "draft_sent", as: Bool.self),
            updatedAt: try row.decode(column: "draft_updated", as: Date.self))
        return AnsweringSubject.Found(subject: subject, draft: draft)
    }
}
