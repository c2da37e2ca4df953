import Foundation
import MeedenkenCore
import SQLKit

/// Closures and invitations in multi-row statements: thousands of rows in a few statements,
/// without Fluent's per-model bookkeeping (an import of 10,000 closures is a hot path).
extension Store {
    package func insertClosures(_ closures: [TrajectoryClosure]) async throws {
        for start in stride(from: 0, to: closures.count, by: 500) {
            var insert = sql.insert(into: TrajectoryClosure.schema).columns(
                "id", "reference", "team_id", "closed_on", "source", "received_at", "invitations_planned", "skipped_do_not_contact",
                "skipped_child_under_12", "skipped_unsubscribed", "skipped_no_questionnaire", "skipped_too_young")
            for closure in closures[start..<min(start + 500, closures.count)] {
                insert = insert.values(
                    SQLBind(closure.id ?? UUID.random()), SQLBind(closure.reference), SQLBind(closure.$team.id), SQLBind(closure.closedOn),
                    SQLBind(closure.source), SQLBind(closure.receivedAt), SQLBind(closure.invitationsPlanned),
                    SQLBind(closure.skippedDoNotContact), SQLBind(closure.skippedChildUnder12), SQLBind(closure.skippedUnsubscribed),
                    SQLBind(closure.skippedNoQuestionnaire), SQLBind(closure.skippedTooYoung))
            }
            try await insert.run()
        }
    }

    /// Planned invitations, closures' and waves' alike.
    package func insertInvitations(_ invitations: [PlannedInvitation], now: Date) async throws {
        for start in stride(from: 0, to: invitations.count, by: 500) {
            var insert = sql.insert(into: Invitation.schema).columns(
                "id", "questionnaire_id", "closure_id", "team_id", "respondent_role", "age_band", "language", "email", "email_hash",
                "send_after", "reminders_sent", "opened", "completed", "unsubscribed", "bounced", "created_at", "companion_of",
                "wave_person_key", "expires_at")
            for invitation in invitations[start..<min(start + 500, invitations.count)] {
                insert = insert.values(
                    SQLBind(invitation.id), SQLBind(invitation.questionnaireID), SQLBind(invitation.closureID), SQLBind(invitation.teamID),
                    SQLBind(invitation.respondentRole), SQLBind(invitation.ageBand), SQLBind(invitation.language), SQLBind(invitation.email),
                    SQLBind(invitation.emailHash), SQLBind(invitation.sendAfter), SQLBind(0), SQLBind(false), SQLBind(false), SQLBind(false),
                    SQLBind(false), SQLBind(now), SQLBind(invitation.companionOf),
                    SQLBind(invitation.wavePersonKey), SQLBind(invitation.expiresAt))
            }
            try await insert.run()
        }
    }

    /// Stops every open invitation to a (hashed) address, and fails its pending mails with
    /// `reason`, now and later: the address itself is forgotten.
    package func stopInvitations(toEmailHash emailHash: String, failingPendingMailWith reason: String) async throws {
        try await sql.raw(
            "UPDATE invitations SET unsubscribed = \(bind: true), email = NULL WHERE email_hash = \(bind: emailHash) AND completed = \(bind: false)"
        ).run()
        try await sql.raw(
            """
            UPDATE outbox_messages SET status = \(bind: OutboxMessage.Status.failed.rawValue), message = '', last_error = \(bind: reason)
            WHERE status = \(bind: OutboxMessage.Status.pending.rawValue)
            AND invitation_id IN (SELECT id FROM invitations WHERE email_hash = \(bind: emailHash))
            """
        ).run()
    }

    /// Invitation figures of a questionnaire per team (nil: no team), before any coarsening.
    package func invitationCountsByTeam(questionnaireID: UUID) async throws -> [(teamID: UUID?, counts: InvitationCounts)] {
        let rows = try await sql.raw(
            """
            SELECT team_id,
              SUM(CASE WHEN first_mailed_at IS NULL AND unsubscribed = \(bind: false) THEN 1 ELSE 0 END) AS scheduled,
              SUM(CASE WHEN first_mailed_at IS NOT NULL THEN 1 ELSE 0 END) AS invited,
              SUM(CASE WHEN reminders_sent > 0 THEN 1 ELSE 0 END) AS reminded,
              SUM(CASE WHEN opened = \(bind: true) THEN 1 ELSE 0 END) AS opened,
              SUM(CASE WHEN completed = \(bind: true) THEN 1 ELSE 0 END) AS completed,
              SUM(CASE WHEN unsubscribed = \(bind: true) THEN 1 ELSE 0 END) AS unsubscribed,
              SUM(CASE WHEN bounced = \(bind: true) THEN 1 ELSE 0 END) AS bounced
            FROM invitations WHERE questionnaire_id = \(bind: questionnaireID) GROUP BY team_id
            """
        ).all()
        return try rows.map { row in
            let teamID = try row.decodeNil(column: "team_id") ? nil : try row.decode(column: "team_id", as: UUID.self)
            func count(_ column: String) throws -> Int { try row.decode(column: column, as: Int?.self) ?? 0 }
            return (
                teamID,
                InvitationCounts(
                    scheduled: try count("scheduled"), invited: try count("invited"), reminded: try count("reminded"), opened: try count("opened"),
                    completed: try count("completed"), unsubscribed: try count("unsubscribed"), bounced: try count("bounced"))
            )
        }
    }
}

/// How far the invitations of a group got.
package struct InvitationCounts: Sendable {
    package let scheduled, invited, reminded, opened, completed, unsubscribed, bounced: Int
}
