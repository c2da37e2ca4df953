import FluentKit
import Foundation

/// Reads a results page's snapshot: every statement a results page (or a wave comparison) costs
/// is listed here. Statements that do not depend on each other run at the same time, each on a
/// connection of its own from the pool (which queues them when it has fewer).
///
/// A page: the released counts (`tallies`, the caller's cache: two statements when not cached),
/// the mailed invitations, the reviewed open answers, the pending open answers (two), whether
/// it is published, the other waves, and the previous wave (one), then that wave's questionnaire
/// and counts; last, when the comparison needs them, both waves' responses (the only full reads
/// of `responses`), at the same time.
package struct ResultsSnapshotReader<Tallies: Sendable>: Sendable {
    package let store: Store
    /// The released counts of a questionnaire, settled and cached by the caller.
    package let tallies: @Sendable (ResultsQuestionnaire) async throws -> Tallies
    /// Whether comparing these two waves needs each person's answers (both released people and
    /// share a theme); pure, from the counts.
    package let comparesPeople:
        @Sendable (_ current: ResultsQuestionnaire, _ currentTallies: Tallies, _ previous: ResultsQuestionnaire, _ previousTallies: Tallies) -> Bool

    package init(
        store: Store, tallies: @escaping @Sendable (ResultsQuestionnaire) async throws -> Tallies,
        comparesPeople: @escaping @Sendable (ResultsQuestionnaire, Tallies, ResultsQuestionnaire, Tallies) -> Bool
    ) {
        self.store = store
        self.tallies = tallies
        self.comparesPeople = comparesPeople
    }

    package func page(_ request: ResultsSnapshotRequest) async throws -> ResultsSnapshot<Tallies> {
        let questionnaire = request.questionnaire
        let store = store
        async let tallies = tallies(questionnaire)
        async let invitations = request.readsInvitations ? store.mailedInvitations(questionnaireID: questionnaire.id) : []
        async let reviewed = store.reviewedOpenAnswers(versionIDs: questionnaire.versionIDs)
        async let pending =
            request.readsPendingOpenAnswers ? store.pendingOpenAnswerCount(questionnaireID: questionnaire.id, versionIDs: questionnaire.versionIDs) : 0
        async let published = store.isPublished(questionnaire.id)
        async let others = store.otherWaves(of: questionnaire.id, audience: questionnaire.audience)
        async let previous = previousWave(of: questionnaire)
        let (previousID, previousWave) = try await previous
        let currentTallies = try await tallies
        var comparison: WaveSnapshot<Tallies>?
        if let previousWave {
            comparison = try await compare(
                questionnaire, currentTallies, with: previousWave.questionnaire, previousWave.tallies, ownTeams: request.ownTeams)
        }
        return ResultsSnapshot(
            tallies: currentTallies, mailedInvitations: try await invitations, reviewedOpenAnswers: try await reviewed,
            pendingOpenAnswers: try await pending, isPublished: try await published, otherWaves: try await others, previousWaveID: previousID,
            previousWave: comparison)
    }

    /// The comparison page: two waves, read at the same time.
    package func comparison(_ current: ResultsQuestionnaire, with previous: ResultsQuestionnaire, ownTeams: Set<UUID>?) async throws
        -> WaveSnapshot<Tallies>
    {
        async let currentTallies = tallies(current)
        async let previousTallies = tallies(previous)
        return try await compare(current, try await currentTallies, with: previous, try await previousTallies, ownTeams: ownTeams)
    }

    /// The previous wave set for a questionnaire, with its questionnaire and counts.
    private func previousWave(of questionnaire: ResultsQuestionnaire) async throws -> (UUID?, (questionnaire: ResultsQuestionnaire, tallies: Tallies)?) {
        guard let previousID = try await PreviousWave.of(questionnaire.id, on: store.database) else { return (nil, nil) }
        guard let previous = try await store.resultsQuestionnaire(previousID) else { return (previousID, nil) }
        return (previousID, (previous, try await tallies(previous)))
    }

    private func compare(
        _ current: ResultsQuestionnaire, _ currentTallies: Tallies, with previous: ResultsQuestionnaire, _ previousTallies: Tallies, ownTeams: Set<UUID>?
    ) async throws -> WaveSnapshot<Tallies> {
        guard comparesPeople(current, currentTallies, previous, previousTallies) else {
            return WaveSnapshot(
                previous: previous, currentTallies: currentTallies, previousTallies: previousTallies, currentRespondents: nil, previousRespondents: nil)
        }
        let store = store
        async let currentRespondents = store.respondentAnswers(versionIDs: current.versionIDs, ownTeams: ownTeams)
        async let previousRespondents = store.respondentAnswers(versionIDs: previous.versionIDs, ownTeams: ownTeams)
        return WaveSnapshot(
            previous: previous, currentTallies: currentTallies, previousTallies: previousTallies, currentRespondents: try await currentRespondents,
            previousRespondents: try await previousRespondents)
    }
}
