import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore

/// What results may show of one questionnaire: the released classes (`ResultRelease`: closed
/// months only, classes of at least the minimum) with their people, and per class the answers to
/// each question that at least the minimum of the class answered. Every figure of every view is a
/// sum over these classes. Settled from the count tables (`ResultTallies`) as the store reads
/// them (`TallyRows`), per record of team, attributes and month; open-answer texts are never
/// read here, only counted.
struct ResultsData: Sendable {
    typealias Class = ResultRelease.Class

    let release: ResultRelease
    let tallies: [Class: [String: QuestionTally]]

    var classSizes: [Class: Int] { release.classSizes }

    /// Whether no class is released (nothing to show yet).
    var isEmpty: Bool { release.classSizes.isEmpty }

    /// The attributes of a record, in `ResultRelease.Record.attributes` order.
    static let attributes: [ResultDimension] = [.role, .ageBand, .language, .channel]

    /// Settles the classes and their answers (CPU only: run it off the event loops).
    static func settle(_ rows: TallyRows, organisation: ResultOrganisation, minimum: Int, firstOpenMonth: String) -> ResultsData {
        let release = ResultRelease(counts: rows.people, regionOfTeam: organisation.regionOfTeamByText, minimum: minimum, firstOpenMonth: firstOpenMonth)
        return ResultsData(release: release, tallies: classTallies(rows.answers, release: release))
    }

    /// Answers per class, keeping a question only where at least the minimum of the class
    /// answered it: the class is the smallest group any figure rests on.
    static func classTallies(_ recordTallies: [ResultRelease.Record: [String: QuestionTally]], release: ResultRelease) -> [Class: [String: QuestionTally]] {
        var perClass: [Class: [String: QuestionTally]] = [:]
        for (record, questions) in recordTallies {
            guard let released = release.classOf[record] else { continue }
            for (key, tally) in questions { perClass[released, default: [:]][key, default: QuestionTally()].merge(tally) }
        }
        for (released, questions) in perClass {
            perClass[released] = questions.filter { $0.value.respondents >= release.minimum }
        }
        return perClass
    }
}

/// The organisation as results group it: teams in regions, by id, with names.
struct ResultOrganisation: Sendable {
    let teamNames: [UUID: String]
    let regionNames: [UUID: String]
    let regionOfTeam: [UUID: UUID]

    static func load(on database: any Database) async throws -> ResultOrganisation {
        let teams = try await Team.query(on: database).all()
        let regions = try await Region.query(on: database).all()
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

    /// Teams of a region, by name.
    func teams(in region: UUID) -> [UUID] {
        regionOfTeam.filter { $0.value == region }.map(\.key).sorted { (teamNames[$0] ?? "", $0.uuidString) < (teamNames[$1] ?? "", $1.uuidString) }
    }

    /// Region per team, by id text, as `ResultRelease` takes them.
    var regionOfTeamByText: [String: String] {
        Dictionary(uniqueKeysWithValues: regionOfTeam.map { ($0.key.uuidString, $0.value.uuidString) })
    }

    var regionsByName: [UUID] { regionNames.keys.sorted { (regionNames[$0] ?? "", $0.uuidString) < (regionNames[$1] ?? "", $1.uuidString) } }
}
