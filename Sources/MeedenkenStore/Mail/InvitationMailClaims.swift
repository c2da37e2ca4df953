import Foundation
import SQLKit

/// What one run of the invitation mailer claims with: each mail goes out once, however many
/// instances run it, because each is claimed with a conditional UPDATE only one of them wins.
package struct InvitationMailClaim: Sendable {
    package enum Kind: Sendable { case invitation, reminder }

    package let kind: Kind
    package let now: Date
    /// When a first invitation's link stops working.
    package let expires: Date
    /// A reminder goes to invitations last mailed before this.
    package let reminderDue: Date
    package let maximumReminders: Int
    /// The open questionnaires: a child's invitation to a closed one waits.
    package let openQuestionnaireIDs: [UUID]

    package init(kind: Kind, now: Date, expires: Date, reminderDue: Date, maximumReminders: Int, openQuestionnaireIDs: [UUID]) {
        self.kind = kind
        self.now = now
        self.expires = expires
        self.reminderDue = reminderDue
        self.maximumReminders = maximumReminders
        self.openQuestionnaireIDs = openQuestionnaireIDs
    }
}

extension Store {
    /// Claims one invitation's mail; false when another run claimed it or it is no longer due.
    package func claimInvitationMail(_ id: UUID, _ claim: InvitationMailClaim) async throws -> Bool {
        let query: SQLQueryString =
            switch claim.kind {
            case .invitation:
                """
                UPDATE invitations SET first_mailed_at = \(bind: claim.now), last_mailed_at = \(bind: claim.now), expires_at = COALESCE(expires_at, \(bind: claim.expires))
                WHERE id = \(bind: id) AND first_mailed_at IS NULL RETURNING id
                """
            case .reminder:
                """
                UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: claim.now)
                WHERE id = \(bind: id) AND reminders_sent < \(bind: claim.maximumReminders) AND last_mailed_at <= \(bind: claim.reminderDue) RETURNING id
                """
            }
        return try await sql.raw(query).first() != nil
    }

    /// Claims many invitations' mails in one statement: the ids this run won (another run may
    /// have claimed some, or they may no longer be due).
    package func claimInvitationMails(_ ids: [UUID], _ claim: InvitationMailClaim) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var query: SQLQueryString =
            switch claim.kind {
            case .invitation:
                """
                UPDATE invitations SET first_mailed_at = \(bind: claim.now), last_mailed_at = \(bind: claim.now), expires_at = COALESCE(expires_at, \(bind: claim.expires))
                WHERE first_mailed_at IS NULL AND id IN (
                """
            case .reminder:
                """
                UPDATE invitations SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: claim.now)
                WHERE reminders_sent < \(bind: claim.maximumReminders) AND last_mailed_at <= \(bind: claim.reminderDue) AND id IN (
                """
            }
        query.appendInterpolation(binds: ids)
        query.appendLiteral(") RETURNING id")
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// Which of these invitations have a child's invitation travelling with them.
    package func invitationsWithChildren(_ ids: [UUID]) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var query = SQLQueryString("SELECT DISTINCT companion_of FROM invitations WHERE companion_of IN (")
        query.appendInterpolation(binds: ids)
        query.appendLiteral(")")
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "companion_of", as: UUID.self) })
    }

    /// Claims the children's invitations that go along with an adult's mail: due for the same
    /// kind of mail, claimed in the same way. Their ids and questionnaires.
    package func claimChildInvitationMails(adult id: UUID, _ claim: InvitationMailClaim) async throws -> [(id: UUID, questionnaireID: UUID)] {
        let still: SQLQueryString = """
            completed = \(bind: false) AND unsubscribed = \(bind: false) AND bounced = \(bind: false) AND email IS NOT NULL
            AND questionnaire_id IN (\(binds: claim.openQuestionnaireIDs))
            """
        // SQLite, without statistics, would search by the questionnaire (every invitation of a
        // wave shares it) instead of by the adult: a scan of the wave for every mail, so a wave
        // of 20,000 took minutes. The adult's index is named.
        let table: SQLQueryString = engine == .sqlite ? "invitations INDEXED BY invitations_companion_of" : "invitations"
        let query: SQLQueryString =
            switch claim.kind {
            case .invitation:
                """
                UPDATE \(table) SET first_mailed_at = \(bind: claim.now), last_mailed_at = \(bind: claim.now), expires_at = COALESCE(expires_at, \(bind: claim.expires))
                WHERE companion_of = \(bind: id) AND first_mailed_at IS NULL AND send_after <= \(bind: claim.now) AND \(still)
                RETURNING id, questionnaire_id
                """
            case .reminder:
                """
                UPDATE \(table) SET reminders_sent = reminders_sent + 1, last_mailed_at = \(bind: claim.now)
                WHERE companion_of = \(bind: id) AND first_mailed_at IS NOT NULL AND last_mailed_at <= \(bind: claim.reminderDue)
                AND reminders_sent < \(bind: claim.maximumReminders) AND expires_at > \(bind: claim.now.addingTimeInterval(86400)) AND \(still)
                RETURNING id, questionnaire_id
                """
            }
        return try await sql.raw(query).all().map {
            (id: try $0.decode(column: "id", as: UUID.self), questionnaireID: try $0.decode(column: "questionnaire_id", as: UUID.self))
        }
    }

    /// An invitation to an address that unsubscribed: stopped, and the address forgotten.
    package func stopInvitation(_ id: UUID) async throws {
        try await sql.raw("UPDATE invitations SET unsubscribed = \(bind: true), email = NULL WHERE id = \(bind: id)").run()
    }

    /// Addresses are kept no longer than the link works.
    package func forgetExpiredInvitationAddresses(now: Date) async throws {
        try await sql.raw("UPDATE invitations SET email = NULL WHERE expires_at < \(bind: now) AND email IS NOT NULL").run()
    }
}
