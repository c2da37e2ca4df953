import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsData {
    /// Settles the counts as the store reads them (CPU only: run it off the event loops).
    static func settle(_ rows: TallyRows, organisation: ResultOrganisation, minimum: Int, firstOpenMonth: String) -> ResultsData {
        settle(people: rows.people, answers: rows.answers, organisation: organisation, minimum: minimum, firstOpenMonth: firstOpenMonth)
    }
}

extension ResultOrganisation {
    /// Read from the teams and regions, at the same time.
    static func load(on database: any Database) async throws -> ResultOrganisation {
        async let teamRows = Team.query(on: database).all()
        async let regionRows = Region.query(on: database).all()
        let (teams, regions) = try await (teamRows, regionRows)
        var teamNames: [UUID: String] = [:]
        var regionOfTeam: [UUID: UUID] = [:]
        for team in teams {
            let id = try team.requireID()
            teamNames[id] = team.name
            regionOfTeam[id] = team.$region.id
        }
        return ResultOrganisation(
            teamNames: teamNames, regionNames: Dictionary(uniqueKeysWithValues: try regions.map { (try $0.requireID(), $0.name) }),
            regionOfTeam: regionOfTeam)
    }
}
