import Foundation
import MeedenkenCore

/// Turns counted leaves into figures for the cells a view shows, every one of them passed
/// through `ResultCube` (and so `SmallGroupSuppression`): a hidden cell has no figures at all.
struct ResultsComputation: Sendable {
    /// One shown group: its respondents and per question its result, or nothing where hidden.
    struct CellFigures: Sendable {
        let place: ResultCube.Place
        /// Nil when the group is hidden.
        let respondents: Int?
        /// Only the questions whose figures may be shown for this group.
        let results: [String: QuestionResult]
    }

    let organisation: ResultOrganisation
    let minimum: Int
    /// A team manager's teams; nil for roles that see the whole organisation.
    let ownTeams: Set<UUID>?

    private var cubeRegions: [String: String] {
        Dictionary(uniqueKeysWithValues: organisation.regionOfTeam.map { ($0.key.uuidString, $0.value.uuidString) })
    }

    /// The cube for the data's dimensions, with months nested in their quarters.
    func cube(for data: ResultsData) -> ResultCube {
        var parents: [Int: [String: String]] = [:]
        if let index = data.dimensions.firstIndex(of: .month) {
            parents[index] = Dictionary(
                data.respondents.keys.map { ($0.values[index], ResultTallies.quarter(of: $0.values[index])) }, uniquingKeysWith: { first, _ in first })
        }
        return ResultCube(
            dimensionCount: data.dimensions.count, regionOfTeam: cubeRegions, ownTeams: ownTeams.map { Set($0.map(\.uuidString)) }, parents: parents)
    }

    /// Figures for `places` at the chosen value of each of the data's dimensions.
    func figures(data: ResultsData, questions: [Question], chosen: [String], places: [ResultCube.Place]) -> [CellFigures] {
        figures(data: data, questions: questions, cells: places.map { ResultCube.Cell(place: $0, values: chosen.map { Optional($0) }) })
    }

    /// Figures for cells with a value on every dimension of the data (or any).
    func figures(data: ResultsData, questions: [Question], cells: [ResultCube.Cell]) -> [CellFigures] {
        let cube = cube(for: data)
        let leaves = Dictionary(data.respondents.map { (cubeLeaf($0.key), $0.value) }, uniquingKeysWith: +)
        let hiddenGroups = cube.hiddenCells(leaves, minimum: minimum)
        var hiddenPerQuestion: [String: Set<ResultCube.Cell>] = [:]
        // Questions everyone answers have the same groups as the respondents, and others often
        // share theirs: each distinct set of counts is suppressed once.
        var hiddenByCounts: [[ResultCube.Leaf: Int]: Set<ResultCube.Cell>] = [leaves: hiddenGroups]
        for question in questions {
            var answered: [ResultCube.Leaf: Int] = [:]
            for (leaf, tallies) in data.tallies { answered[cubeLeaf(leaf), default: 0] += tallies[question.key]?.respondents ?? 0 }
            if let known = hiddenByCounts[answered] {
                hiddenPerQuestion[question.key] = known
            } else {
                let hidden = cube.hiddenCells(answered, minimum: minimum)
                hiddenByCounts[answered] = hidden
                hiddenPerQuestion[question.key] = hidden
            }
        }
        return cells.map { cell in
            let place = cell.place
            let chosen = cell.values.map { $0 ?? "" }
            guard !hiddenGroups.contains(cell) else { return CellFigures(place: place, respondents: nil, results: [:]) }
            var respondents = 0
            var tallies: [String: QuestionTally] = [:]
            for (leaf, count) in data.respondents where matches(leaf, place: place, chosen: chosen) { respondents += count }
            for (leaf, questionTallies) in data.tallies where matches(leaf, place: place, chosen: chosen) {
                for (key, tally) in questionTallies { tallies[key, default: QuestionTally()].merge(tally) }
            }
            var results: [String: QuestionResult] = [:]
            for question in questions where !(hiddenPerQuestion[question.key]?.contains(cell) ?? false) {
                results[question.key] = QuestionResult(question: question, tally: tallies[question.key] ?? QuestionTally())
            }
            return CellFigures(place: place, respondents: respondents, results: results)
        }
    }

    /// Respondents of each cell, nil where the group is hidden.
    func respondents(data: ResultsData, cells: [ResultCube.Cell]) -> [Int?] {
        let cube = cube(for: data)
        let leaves = Dictionary(data.respondents.map { (cubeLeaf($0.key), $0.value) }, uniquingKeysWith: +)
        let hidden = cube.hiddenCells(leaves, minimum: minimum)
        return cells.map { cell in
            guard !hidden.contains(cell) else { return nil }
            let chosen = cell.values.map { $0 ?? "" }
            return data.respondents.reduce(0) { sum, entry in matches(entry.key, place: cell.place, chosen: chosen) ? sum + entry.value : sum }
        }
    }

    /// The values of the count tables' team column a place covers; nil for every team.
    func teamColumnValues(_ place: ResultCube.Place) -> [String]? {
        switch place {
        case .organisation: nil
        case .ownTeams: (ownTeams ?? []).map { $0.uuidString.lowercased() }.sorted()
        case .region(let id): UUID(uuidString: id).map { organisation.teams(in: $0).map { $0.uuidString.lowercased() } } ?? []
        case .team(let id): [id.lowercased()]
        case .noTeam: [""]
        }
    }

    /// Plain counts per team (invitations sent, completed), with the same suppression.
    func teamCounts(_ counts: [UUID?: Int], places: [ResultCube.Place]) -> [ResultCube.Place: Int?] {
        let cube = cube(for: ResultsData(dimensions: [], respondents: [:], tallies: [:]))
        let leaves = Dictionary(counts.map { (ResultCube.Leaf(team: $0.key?.uuidString, values: []), $0.value) }, uniquingKeysWith: +)
        let hidden = cube.hiddenCells(leaves, minimum: minimum)
        let all = cube.counts(leaves)
        var shown: [ResultCube.Place: Int?] = [:]
        for place in places {
            let cell = ResultCube.Cell(place: place, values: [])
            shown[place] = hidden.contains(cell) ? .some(nil) : .some(all[cell] ?? 0)
        }
        return shown
    }

    private func cubeLeaf(_ leaf: ResultsData.Leaf) -> ResultCube.Leaf {
        ResultCube.Leaf(team: leaf.team?.uuidString, values: leaf.values)
    }

    func matches(_ leaf: ResultsData.Leaf, place: ResultCube.Place, chosen: [String]) -> Bool {
        guard leaf.values == chosen else { return false }
        switch place {
        case .organisation: return true
        case .ownTeams: return leaf.team.map { ownTeams?.contains($0) ?? false } ?? false
        case .region(let id): return leaf.team.flatMap { organisation.regionOfTeam[$0] }?.uuidString == id
        case .team(let id): return leaf.team?.uuidString == id
        case .noTeam: return leaf.team == nil
        }
    }
}
