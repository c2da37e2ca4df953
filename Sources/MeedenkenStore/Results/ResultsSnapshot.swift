import Foundation

/// Everything a results page of one questionnaire shows, read at one moment (`ResultsSnapshotReader`):
/// the page is a pure mapping from this value. `Tallies` are the released counts as the caller
/// settles and caches them.
package struct ResultsSnapshot<Tallies: Sendable>: Sendable {
    package let tallies: Tallies
    /// Empty unless asked for (the page shows response rates only without attribute filters).
    package let mailedInvitations: [MailedInvitation]
    package let reviewedOpenAnswers: [ReviewedOpenAnswer]
    /// Zero unless asked for (only reviewers see it).
    package let pendingOpenAnswers: Int
    package let isPublished: Bool
    /// What this wave can be compared with.
    package let otherWaves: [ResultsQuestionnaire]
    /// The earlier wave a coordinator chose, if any.
    package let previousWaveID: UUID?
    /// The comparison with it; nil without one, or when it names no questionnaire (any more).
    package let previousWave: WaveSnapshot<Tallies>?
}

/// Two waves side by side: their released counts, and each person's answers where the
/// comparison tests theme scores per respondent.
package struct WaveSnapshot<Tallies: Sendable>: Sendable {
    package let previous: ResultsQuestionnaire
    package let currentTallies: Tallies
    package let previousTallies: Tallies
    /// Nil when the comparison needs no person's answers (`ResultsSnapshotReader.comparesPeople`).
    package let currentRespondents: [RespondentAnswers]?
    package let previousRespondents: [RespondentAnswers]?
}

/// What a results page asks of the snapshot.
package struct ResultsSnapshotRequest: Sendable {
    package let questionnaire: ResultsQuestionnaire
    /// A team manager's teams (nil: the whole organisation).
    package let ownTeams: Set<UUID>?
    package let readsInvitations: Bool
    package let readsPendingOpenAnswers: Bool

    package init(questionnaire: ResultsQuestionnaire, ownTeams: Set<UUID>?, readsInvitations: Bool, readsPendingOpenAnswers: Bool) {
        self.questionnaire = questionnaire
        self.ownTeams = ownTeams
        self.readsInvitations = readsInvitations
        self.readsPendingOpenAnswers = readsPendingOpenAnswers
    }
}
