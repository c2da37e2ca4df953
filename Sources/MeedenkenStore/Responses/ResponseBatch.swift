import Foundation
import MeedenkenCore
import SQLKit

/// What storing a batch of responses writes, once their drafts are claimed: whether each
/// response is stored, and the statements that store it (run in the claim's transaction). A
/// response gets no reference to its draft, and only the day (DESIGN §4.1).
///
/// Plain SQL, no query builders: this runs for every response, and building statements through
/// the builders cost more than executing them. Closed answers live in the response's answer line
/// and in the counts; only open answers get a row of their own (`response_answers`), because each
/// is reviewed on its own.
package struct ResponseBatch: Sendable {
    package private(set) var stored: [Bool] = []
    package private(set) var statements: [SQLQueryString] = []

    package init(_ responses: [NewResponse], claimed: Set<UUID>, hiding: ArrivalHiding) {
        var seen: Set<UUID> = []
        var written: [ArrivalHiding.Written] = []
        var invitations: [UUID] = []
        var counted: [ResultTallies.Counted] = []
        for new in responses {
            // A draft sent twice in one batch is stored for the first only; a made-up response has none.
            let isStored = new.draft.map { claimed.contains($0.id) && seen.insert($0.id).inserted } ?? true
            stored.append(isStored)
            guard isStored else { continue }
            let responseID = UUID.random()
            let answers = new.answers.map { ($0.key, $0.value) }
            var response = ArrivalHiding.Written(
                response: [
                    responseID, new.versionID, new.submittedOn, new.language, new.channel, new.respondentRole, new.teamID, new.ageBand,
                    AnswerLine.make(answers),
                ])
            // The invitation learns "completed", and its address is no longer needed.
            if let invitationID = new.completesInvitation { invitations.append(invitationID) }
            for (key, value) in new.answers where value.hasPrefix("text:") {
                let answerID = UUID.random()
                response.answers.append([answerID, responseID, key, value])
                // Unreviewed, flagged: the coordinator is told at once (never who wrote it).
                if let danger = new.danger, let words = danger.wordsByQuestion[key], !words.isEmpty {
                    response.flags.append([UUID.random(), answerID, danger.questionnaireID, "", true, words.joined(separator: ", ")])
                }
            }
            written.append(response)
            counted.append(
                .init(
                    key: ResultTallies.Key(
                        versionID: new.versionID, teamID: new.teamID, role: new.respondentRole, ageBand: new.ageBand, language: new.language,
                        channel: new.channel, submittedOn: new.submittedOn),
                    answers: answers))
        }
        statements = hiding.statements(writing: written)
        if !invitations.isEmpty {
            // A panel invitation forgets whose it was and the age band once answered: the
            // member's address hash and age band would otherwise single out their response
            // among the few of a send with that age band.
            statements.append(
                """
                UPDATE invitations SET completed = \(bind: true), email = NULL,
                email_hash = CASE WHEN panel_send_id IS NULL THEN email_hash ELSE 'answered' END,
                age_band = CASE WHEN panel_send_id IS NULL THEN age_band ELSE NULL END
                WHERE id IN (\(binds: invitations))
                """)
        }
        statements += ResultTallies.statements(adding: counted)
    }

    /// Claims the drafts of `responses` that were not sent yet: marks them sent and empties them,
    /// returning their ids; nil when none comes from a draft. SQLite serialises it and PostgreSQL
    /// re-checks `is_sent` for a second writer, so a draft is stored once however often it is
    /// sent. A sent draft forgets its invitation and keeps only the day (DESIGN §4.1): nothing in
    /// it can be lined up with a response any more; the invitation itself knows "completed".
    package static func claim(_ responses: [NewResponse]) -> SQLQueryString? {
        let drafts = responses.compactMap(\.draft)
        guard let day = drafts.map(\.sentOn).max() else { return nil }
        let ids = Array(Set(drafts.map(\.id)))
        return """
            UPDATE response_drafts SET is_sent = \(bind: true), answers = '{}', current_page = NULL, updated_at = \(bind: day),
            invitation_id = NULL WHERE id IN (\(binds: ids)) AND is_sent = \(bind: false) RETURNING id
            """
    }
}
