import Foundation
import MeedenkenCore
import SQLKit

/// What sending to the panel reads of an active member: enough to place them in a segment, to
/// check the contact cap and to address the invitation (read as plain rows: a send may look at
/// tens of thousands of members).
package struct PanelCandidate: Sendable {
    package let id: UUID
    package let email: String
    package let role: String
    package let birthYear: Int?
    package let language: String
    package let teamID: UUID?
    package let regionID: UUID?
    package let topics: String
    package let ways: String
    package let needs: String
    package let lastAskedAt: Date?
    package let frequencyDays: Int?
}

/// One panel invitation to insert.
package struct NewPanelInvitation: Sendable {
    package let questionnaireID: UUID
    package let teamID: UUID?
    package let respondentRole: String
    package let ageBand: String?
    package let language: String
    package let email: String
    package let emailHash: String
    package let sendAfter: Date
    package let expiresAt: Date
    package let panelSendID: UUID

    package init(
        questionnaireID: UUID, teamID: UUID?, respondentRole: String, ageBand: String?, language: String, email: String, emailHash: String,
        sendAfter: Date, expiresAt: Date, panelSendID: UUID
    ) {
        self.questionnaireID = questionnaireID
        self.teamID = teamID
        self.respondentRole = respondentRole
        self.ageBand = ageBand
        self.language = language
        self.email = email
        self.emailHash = emailHash
        self.sendAfter = sendAfter
        self.expiresAt = expiresAt
        self.panelSendID = panelSendID
    }
}

extension Store {
    /// Every active (confirmed, not paused) member.
    package func activePanelCandidates() async throws -> [PanelCandidate] {
        try await sql.raw(
            """
            SELECT id, email, role, birth_year, language, team_id, region_id, topics, ways, needs, last_asked_at, frequency_days
            FROM panel_members WHERE status = 'active'
            """
        ).all().map { row in
            PanelCandidate(
                id: try row.decode(column: "id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
                role: try row.decode(column: "role", as: String.self), birthYear: try row.decode(column: "birth_year", as: Int?.self),
                language: try row.decode(column: "language", as: String.self), teamID: try row.decode(column: "team_id", as: UUID?.self),
                regionID: try row.decode(column: "region_id", as: UUID?.self), topics: try row.decode(column: "topics", as: String.self),
                ways: try row.decode(column: "ways", as: String.self), needs: try row.decode(column: "needs", as: String.self),
                lastAskedAt: try row.decode(column: "last_asked_at", as: Date?.self),
                frequencyDays: try row.decode(column: "frequency_days", as: Int?.self))
        }
    }

    /// Marks these members asked at `now`, each only if still active (not paused or gone since
    /// they were read) and not asked since `cutoff` (another send at the same moment may have
    /// asked them): the ids this claim won.
    package func claimPanelMembers(_ ids: [UUID], askedBefore cutoff: Date, now: Date) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        var query = SQLQueryString("UPDATE panel_members SET last_asked_at = \(bind: now) WHERE status = 'active' AND id IN (")
        query.appendInterpolation(binds: ids)
        query.appendLiteral(") AND (last_asked_at IS NULL OR last_asked_at < ")
        query.appendInterpolation(bind: cutoff)
        query.appendLiteral(") RETURNING id")
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: UUID.self) })
    }

    /// Inserts panel invitations, many rows to a statement.
    package func insertPanelInvitations(_ invitations: [NewPanelInvitation], now: Date) async throws {
        for batch in invitations.inBatches(of: 500) {
            var insert = sql.insert(into: "invitations").columns(
                "id", "questionnaire_id", "team_id", "respondent_role", "age_band", "language", "email", "email_hash", "send_after", "reminders_sent",
                "expires_at", "opened", "completed", "unsubscribed", "bounced", "created_at", "panel_send_id")
            for invitation in batch {
                insert = insert.values(
                    SQLBind(UUID.random()), SQLBind(invitation.questionnaireID), SQLBind(invitation.teamID), SQLBind(invitation.respondentRole),
                    SQLBind(invitation.ageBand), SQLBind(invitation.language), SQLBind(invitation.email), SQLBind(invitation.emailHash),
                    SQLBind(invitation.sendAfter), SQLBind(0), SQLBind(invitation.expiresAt), SQLBind(false), SQLBind(false), SQLBind(false),
                    SQLBind(false), SQLBind(now), SQLBind(invitation.panelSendID))
            }
            try await insert.run()
        }
    }
}
