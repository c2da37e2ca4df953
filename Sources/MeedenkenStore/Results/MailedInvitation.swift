import Foundation
import SQLKit

/// An invitation that was mailed: its team and when it first went out. People, not answers: a
/// results page sets them beside the people released there.
package struct MailedInvitation: Sendable {
    package let team: UUID?
    package let firstMailedAt: Date?
}

extension Store {
    package func mailedInvitations(questionnaireID: UUID) async throws -> [MailedInvitation] {
        try await sql.raw(
            """
            SELECT team_id, first_mailed_at FROM invitations WHERE questionnaire_id = \(bind: questionnaireID) AND first_mailed_at IS NOT NULL
            """
        ).all().map { row in
            MailedInvitation(
                team: try row.decode(column: "team_id", as: UUID?.self), firstMailedAt: try row.decode(column: "first_mailed_at", as: Date?.self))
        }
    }
}
