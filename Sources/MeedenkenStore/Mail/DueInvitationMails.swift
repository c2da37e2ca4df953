import Foundation
import SQLKit

/// What the invitation mailer reads of an invitation whose mail is due: enough to claim it and to
/// write the mail. Read as plain rows: a survey wave or a panel send makes tens of thousands due
/// at once, and building a model for each cost more than writing the mails.
package struct DueInvitationMail: Sendable {
    package let id: UUID
    package let questionnaireID: UUID
    package let respondentRole: String
    package let language: String
    package let email: String
    package let emailHash: String
    package let expiresAt: Date?
    /// A child's invitation (8 to 11): the adult's invitation whose mail carries its link.
    package let companionOf: UUID?
    /// Set for a survey wave's invitation (its mail says that care goes on).
    package let isWave: Bool
    /// A panel questionnaire's invitation: its mail is to a member who signed up to think along.
    package let panelSendID: UUID?
}

extension Store {
    /// Invitations whose first mail is due, oldest first: not yet mailed, still reachable, and
    /// with a link that has not expired.
    package func invitationsDueForFirstMail(now: Date, limit: Int) async throws -> [DueInvitationMail] {
        // `first_mailed_at IS NULL AND email IS NOT NULL` is written out so the planner can use
        // the partial index that holds only the invitations still waiting for a mail.
        try await dueInvitationMails(
            """
            first_mailed_at IS NULL AND email IS NOT NULL AND send_after <= \(bind: now) AND \(Self.stillReachable)
            AND (expires_at IS NULL OR expires_at > \(bind: now))
            ORDER BY send_after LIMIT \(bind: limit)
            """)
    }

    /// Invitations due for a reminder: mailed before `lastMailedBefore`, fewer than `maximum`
    /// reminders, and a link that still works for a day after `now`.
    package func invitationsDueForReminder(lastMailedBefore: Date, maximum: Int, now: Date, limit: Int) async throws -> [DueInvitationMail] {
        try await dueInvitationMails(
            """
            email IS NOT NULL AND first_mailed_at IS NOT NULL AND last_mailed_at <= \(bind: lastMailedBefore)
            AND reminders_sent < \(bind: maximum) AND \(Self.stillReachable) AND expires_at > \(bind: now.addingTimeInterval(86_400))
            ORDER BY last_mailed_at LIMIT \(bind: limit)
            """)
    }

    private static var stillReachable: SQLQueryString {
        "completed = \(bind: false) AND unsubscribed = \(bind: false) AND bounced = \(bind: false)"
    }

    private func dueInvitationMails(_ condition: SQLQueryString) async throws -> [DueInvitationMail] {
        let query: SQLQueryString =
            """
            SELECT id, questionnaire_id, respondent_role, language, email, email_hash, expires_at, companion_of, wave_person_key, panel_send_id
            FROM invitations WHERE
            """ + " " + condition
        return try await sql.raw(query).all().map { row in
            DueInvitationMail(
                id: try row.decode(column: "id", as: UUID.self), questionnaireID: try row.decode(column: "questionnaire_id", as: UUID.self),
                respondentRole: try row.decode(column: "respondent_role", as: String.self),
                language: try row.decode(column: "language", as: String.self), email: try row.decode(column: "email", as: String.self),
                emailHash: try row.decode(column: "email_hash", as: String.self), expiresAt: try row.decode(column: "expires_at", as: Date?.self),
                companionOf: try row.decode(column: "companion_of", as: UUID?.self),
                isWave: try row.decode(column: "wave_person_key", as: String?.self) != nil,
                panelSendID: try row.decode(column: "panel_send_id", as: UUID?.self))
        }
    }
}
