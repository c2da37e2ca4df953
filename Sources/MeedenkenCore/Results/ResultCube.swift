/// The groups a results view can show, and which of them must be hidden (DOMAIN.md "Small groups").
///
/// Respondents are counted per leaf: a team (or none, for the open link) and one value of each
/// active filter (role, age band, language, channel, quarter). A cell is a place — the whole
/// organisation, a staff member's own teams, a region, a team — with, per filter, one value or any.
/// Every sum ties cells together: the organisation is its regions, a region its teams, "any role"
/// all roles. So "all parents minus the visible parents in English" and "a region minus its other
/// teams" are relations the suppression function closes.
///
/// A view with filters also hides whatever the views with fewer filters hid, so that combining
/// the page without a filter and the page with one shows nothing either had to withhold.
public struct ResultCube: Sendable {
    public struct Leaf: Hashable, Sendable {
        public let team: String?
        public let values: [String]

        public init(team: String?, values: [String]) {
            self.team = team
            self.values = values
        }
    }

    public enum Place: Hashable, Sendable {
        case organisation
        /// The teams a team manager may see, together.
        case ownTeams
        case region(String)
        case team(String)
        /// Responses without a team (the open link).
        case noTeam
    }

    public struct Cell: Hashable, Sendable {
        public let place: Place
        /// Per dimension, a value or nil for "any".
        public let values: [String?]

        public init(place: Place, values: [String?]) {
            self.place = place
            self.values = values
        }

        var name: String {
            let placeName: String =
                switch place {
                case .organisation: "organisation"
                case .ownTeams: "own"
                case .region(let id): "region:\(id)"
                case .team(let id): "team:\(id)"
                case .noTeam: "team:-"
                }
            return ([placeName] + values.map { $0 ?? "*" }).joined(separator: "|")
        }
    }

    public let dimensionCount: Int
    public let regionOfTeam: [String: String]
    public let ownTeams: Set<String>?

    /// `dimensionCount` filters are active; every leaf has that many values. `ownTeams` is set for
    /// a team manager.
    public init(dimensionCount: Int, regionOfTeam: [String: String], ownTeams: Set<String>? = nil) {
        self.dimensionCount = dimensionCount
        self.regionOfTeam = regionOfTeam
        self.ownTeams = ownTeams
    }

    /// Respondents per cell, for every cell of the full lattice.
    /// Empty cells are there too (as 0): another view may need one hidden.
    public func counts(_ leaves: [Leaf: Int]) -> [Cell: Int] {
        var counts: [Cell: Int] = [:]
        var valuesPerDimension = Array(repeating: Set<String>(), count: dimensionCount)
        for leaf in leaves.keys { for (index, value) in leaf.values.enumerated() { valuesPerDimension[index].insert(value) } }
        var combinations: [[String?]] = [[]]
        for values in valuesPerDimension {
            combinations = combinations.flatMap { combination in ([nil] + values.sorted()).map { combination + [$0] } }
        }
        let teams = Set(regionOfTeam.keys).union(leaves.keys.compactMap(\.team))
        let allPlaces: [Place] =
            [.organisation, .noTeam] + Set(regionOfTeam.values).map(Place.region) + teams.map(Place.team) + (ownTeams == nil ? [] : [.ownTeams])
        for place in allPlaces { for values in combinations { counts[Cell(place: place, values: values)] = 0 } }
        for (leaf, count) in leaves where count != 0 {
            for place in places(of: leaf.team) {
                for values in generalizations(of: leaf.values) {
                    counts[Cell(place: place, values: values), default: 0] += count
                }
            }
        }
        return counts
    }

    /// The cells no view may show: primary and complementary suppression over the lattice, built
    /// up from no filters to all, each level keeping what the level below hid.
    public func hiddenCells(_ leaves: [Leaf: Int], minimum: Int) -> Set<Cell> {
        let counts = counts(leaves)
        var valuesPerDimension = Array(repeating: Set<String>(), count: dimensionCount)
        for leaf in leaves.keys { for (index, value) in leaf.values.enumerated() { valuesPerDimension[index].insert(value) } }
        var hiddenBySubset: [Int: Set<String>] = [:]
        var namedCounts: [String: Int] = [:]
        var cellsByName: [String: Cell] = [:]
        for (cell, count) in counts {
            namedCounts[cell.name] = count
            cellsByName[cell.name] = cell
        }
        // Subsets of the dimensions as bit masks, fewest bits first.
        let subsets = (0..<(1 << dimensionCount)).sorted { $0.nonzeroBitCount < $1.nonzeroBitCount }
        for subset in subsets {
            var seeded = Set<String>()
            for bit in 0..<dimensionCount where subset & (1 << bit) != 0 {
                seeded.formUnion(hiddenBySubset[subset & ~(1 << bit)] ?? [])
            }
            let inLattice = namedCounts.filter { name, _ in
                guard let cell = cellsByName[name] else { return false }
                return cell.values.enumerated().allSatisfy { index, value in value == nil || subset & (1 << index) != 0 }
            }
            // Cells of the smaller views were settled there: this view may not hide them anew, or
            // the smaller view would show what this one needs hidden.
            let decided = Set(
                inLattice.keys.filter { name in
                    cellsByName[name].map { cell in cell.values.enumerated().contains { index, value in value == nil && subset & (1 << index) != 0 } } ?? false
                })
            let relations = relations(subset: subset, valuesPerDimension: valuesPerDimension)
            hiddenBySubset[subset] = SmallGroupSuppression.hiddenCells(
                counts: inLattice, relations: relations, minimum: minimum, alreadyHidden: seeded, decided: decided)
        }
        return Set(hiddenBySubset.values.joined().compactMap { cellsByName[$0] })
    }

    private func places(of team: String?) -> [Place] {
        guard let team else { return [.noTeam, .organisation] }
        var places: [Place] = [.team(team), .organisation]
        if let region = regionOfTeam[team] { places.append(.region(region)) }
        if let ownTeams, ownTeams.contains(team) { places.append(.ownTeams) }
        return places
    }

    private func generalizations(of values: [String]) -> [[String?]] {
        (0..<(1 << values.count)).map { mask in
            values.enumerated().map { index, value in mask & (1 << index) != 0 ? value : nil }
        }
    }

    private func relations(subset: Int, valuesPerDimension: [Set<String>]) -> [SmallGroupSuppression.Relation] {
        // Every combination of values (or any) on the dimensions in the subset.
        var combinations: [[String?]] = [Array(repeating: nil, count: dimensionCount)]
        for index in 0..<dimensionCount where subset & (1 << index) != 0 {
            combinations = combinations.flatMap { combination in
                ([nil] + valuesPerDimension[index].sorted()).map { value in
                    var next = combination
                    next[index] = value
                    return next
                }
            }
        }
        let teams = regionOfTeam.keys.sorted()
        let regions = Set(regionOfTeam.values).sorted()
        var relations: [SmallGroupSuppression.Relation] = []
        for values in combinations {
            let name = { (place: Place) in Cell(place: place, values: values).name }
            relations.append(.init(total: name(.organisation), parts: regions.map { name(.region($0)) } + [name(.noTeam)]))
            for region in regions {
                relations.append(.init(total: name(.region(region)), parts: teams.filter { regionOfTeam[$0] == region }.map { name(.team($0)) }))
            }
            if let ownTeams {
                relations.append(.init(total: name(.ownTeams), parts: ownTeams.sorted().map { name(.team($0)) }))
            }
            for index in 0..<dimensionCount where subset & (1 << index) != 0 && values[index] == nil {
                for place in [Place.organisation, .noTeam] + regions.map(Place.region) + teams.map(Place.team) + (ownTeams == nil ? [] : [.ownTeams]) {
                    let parts = valuesPerDimension[index].sorted().map { value in
                        var specific = values
                        specific[index] = value
                        return Cell(place: place, values: specific).name
                    }
                    relations.append(.init(total: Cell(place: place, values: values).name, parts: parts))
                }
            }
        }
        return relations
    }
}
