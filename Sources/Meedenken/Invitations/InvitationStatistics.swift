import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// How far the invitations of one questionnaire got, per team: counts only, never who answered
/// what. One grouped query. "Opened" and "completed" are rounded down to a multiple of the
/// minimum group size: a team manager who watches the count while one known client answers
/// would otherwise see it move by one (docs/threat-model.md); now it moves only in steps of the
/// minimum, and a team with fewer than the minimum shows 0.
struct InvitationStatistics: Content, Equatable {
    struct Counts: Content, Equatable {
        var scheduled = 0
        var invited = 0
        var reminded = 0
        var opened = 0
        var completed = 0
        var unsubscribed = 0
        var bounced = 0

        /// Opened and completed in whole steps of `step`.
        func coarsened(to step: Int) -> Counts {
            var counts = self
            counts.opened = opened / step * step
            counts.completed = completed / step * step
            return counts
        }

        mutating func add(_ other: Counts) {
            scheduled += other.scheduled
            invited += other.invited
            reminded += other.reminded
            opened += other.opened
            completed += other.completed
            unsubscribed += other.unsubscribed
            bounced += other.bounced
        }
    }

    struct TeamRow: Content, Equatable {
        let team: String
        let counts: Counts
    }

    let questionnaireId: UUID
    let teams: [TeamRow]
    let total: Counts

    static func compute(questionnaireID: UUID, minimum: Int, on database: any Database) async throws -> InvitationStatistics {
        let step = max(minimum, MinimumGroupSize.floor)
        let rows = try await Store(database, for: "InvitationStatistics").invitationCountsByTeam(questionnaireID: questionnaireID)
        let names = Dictionary(uniqueKeysWithValues: try await Team.query(on: database).all().compactMap { team in team.id.map { ($0, team.name) } })
        var teams: [TeamRow] = []
        var total = Counts()
        for (teamID, stored) in rows {
            let counts = Counts(
                scheduled: stored.scheduled, invited: stored.invited, reminded: stored.reminded, opened: stored.opened, completed: stored.completed,
                unsubscribed: stored.unsubscribed, bounced: stored.bounced)
            total.add(counts)
            teams.append(TeamRow(team: teamID.flatMap { names[$0] } ?? "—", counts: counts.coarsened(to: step)))
        }
        return InvitationStatistics(questionnaireId: questionnaireID, teams: teams.sorted { $0.team < $1.team }, total: total.coarsened(to: step))
    }
}
