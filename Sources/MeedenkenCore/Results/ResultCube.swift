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
///
/// A dimension can be nested (months in quarters): its leaves carry the fine value, its cells the
/// fine value, the coarse one or any. Coarse cells are settled first, exactly as a cube over the
/// coarse values alone would settle them, and a coarse cell is the sum of its fine ones, so the
/// page by month and the page by quarter give nothing away together.
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
    /// Per nested dimension (by index), each fine value's coarse value.
    public let parents: [Int: [String: String]]

    /// `dimensionCount` filters are active; every leaf has that many values. `ownTeams` is set for
    /// a team manager. `parents` nests a dimension's values in coarser ones.
    public init(dimensionCount: Int, regionOfTeam: [String: String], ownTeams: Set<String>? = nil, parents: [Int: [String: String]] = [:]) {
        self.dimensionCount = dimensionCount
        self.regionOfTeam = regionOfTeam
        self.ownTeams = ownTeams
        self.parents = parents
    }

    /// 0 for any, 1 for a value (a coarse one in a nested dimension), 2 for a fine value.
    private func level(_ value: String?, dimension: Int) -> Int {
        guard let value else { return 0 }
        return parents[dimension]?[value] == nil ? 1 : 2
    }

    /// Per dimension, the values of each level: [level 1, level 2].
    private func valuesByLevel(_ leaves: some Collection<Leaf>) -> [[Set<String>]] {
        var values = Array(repeating: [Set<String>(), Set<String>()], count: dimensionCount)
        for leaf in leaves {
            for (index, value) in leaf.values.enumerated() {
                if let parent = parents[index]?[value] {
                    values[index][0].insert(parent)
                    values[index][1].insert(value)
                } else {
                    values[index][0].insert(value)
                }
            }
        }
        return values
    }

    /// Respondents per cell, for every cell of the full lattice.
    /// Empty cells are there too (as 0): another view may need one hidden.
    public func counts(_ leaves: [Leaf: Int]) -> [Cell: Int] {
        var counts: [Cell: Int] = [:]
        var combinations: [[String?]] = [[]]
        for levels in valuesByLevel(leaves.keys) {
            combinations = combinations.flatMap { combination in ([nil] + levels[0].sorted() + levels[1].sorted()).map { combination + [$0] } }
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
        let valuesByLevel = valuesByLevel(leaves.keys)
        var hiddenByLevels: [[Int]: Set<String>] = [:]
        var namedCounts: [String: Int] = [:]
        var cellsByName: [String: Cell] = [:]
        for (cell, count) in counts {
            namedCounts[cell.name] = count
            cellsByName[cell.name] = cell
        }
        // Per dimension how detailed a view is (0 any, 1 values, 2 fine values of a nested
        // dimension); the least detailed views first. Without nesting these are the subsets of
        // the dimensions, fewest first.
        var views: [[Int]] = [[]]
        for dimension in 0..<dimensionCount {
            views = views.flatMap { view in (0...(parents[dimension] == nil ? 1 : 2)).map { view + [$0] } }
        }
        views.sort { first, second in
            let (a, b) = (first.reduce(0, +), second.reduce(0, +))
            return a != b ? a < b : first.lexicographicallyPrecedes(second)
        }
        for view in views {
            var seeded = Set<String>()
            for dimension in 0..<dimensionCount where view[dimension] > 0 {
                var coarser = view
                coarser[dimension] -= 1
                seeded.formUnion(hiddenByLevels[coarser] ?? [])
            }
            let levels = { (cell: Cell) in cell.values.enumerated().map { self.level($1, dimension: $0) } }
            let inLattice = namedCounts.filter { name, _ in
                guard let cell = cellsByName[name] else { return false }
                return zip(levels(cell), view).allSatisfy { $0 <= $1 }
            }
            // Cells of the less detailed views were settled there: this view may not hide them
            // anew, or the other view would show what this one needs hidden.
            let decided = Set(inLattice.keys.filter { name in cellsByName[name].map { zip(levels($0), view).contains { $0 < $1 } } ?? false })
            let relations = relations(view: view, valuesByLevel: valuesByLevel)
            hiddenByLevels[view] = SmallGroupSuppression.hiddenCells(
                counts: inLattice, relations: relations, minimum: minimum, alreadyHidden: seeded, decided: decided)
        }
        return Set(hiddenByLevels.values.joined().compactMap { cellsByName[$0] })
    }

    private func places(of team: String?) -> [Place] {
        guard let team else { return [.noTeam, .organisation] }
        var places: [Place] = [.team(team), .organisation]
        if let region = regionOfTeam[team] { places.append(.region(region)) }
        if let ownTeams, ownTeams.contains(team) { places.append(.ownTeams) }
        return places
    }

    /// Every cell a leaf counts in: per dimension its value, its coarse value if nested, or any.
    private func generalizations(of values: [String]) -> [[String?]] {
        var combinations: [[String?]] = [[]]
        for (index, value) in values.enumerated() {
            var options: [String?] = [value]
            if let coarse = parents[index]?[value] { options.append(coarse) }
            options.append(nil)
            combinations = combinations.flatMap { combination in options.map { combination + [$0] } }
        }
        return combinations
    }

    private func relations(view: [Int], valuesByLevel: [[Set<String>]]) -> [SmallGroupSuppression.Relation] {
        // Every combination of values (or any) up to the view's level on each dimension.
        var combinations: [[String?]] = [Array(repeating: nil, count: dimensionCount)]
        for index in 0..<dimensionCount where view[index] > 0 {
            let values = valuesByLevel[index][0].sorted() + (view[index] == 2 ? valuesByLevel[index][1].sorted() : [])
            combinations = combinations.flatMap { combination in
                ([nil] + values).map { value in
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
            for index in 0..<dimensionCount where view[index] > 0 {
                // "Any" is the sum of the (coarse) values; in the fine view a coarse value is the
                // sum of its fine ones.
                let parts: [String]
                if values[index] == nil {
                    parts = valuesByLevel[index][0].sorted()
                } else if view[index] == 2, let coarse = values[index], level(coarse, dimension: index) == 1 {
                    parts = valuesByLevel[index][1].filter { parents[index]?[$0] == coarse }.sorted()
                } else {
                    continue
                }
                for place in [Place.organisation, .noTeam] + regions.map(Place.region) + teams.map(Place.team) + (ownTeams == nil ? [] : [.ownTeams]) {
                    let partNames = parts.map { value in
                        var specific = values
                        specific[index] = value
                        return Cell(place: place, values: specific).name
                    }
                    relations.append(.init(total: Cell(place: place, values: values).name, parts: partNames))
                }
            }
        }
        return relations
    }
}
