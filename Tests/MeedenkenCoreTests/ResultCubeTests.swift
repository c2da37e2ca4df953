import Testing

@testable import MeedenkenCore

@Suite("Result cube: views with and without filters")
struct ResultCubeTests {
    typealias Leaf = ResultCube.Leaf
    typealias Cell = ResultCube.Cell

    /// What someone who sees `visible` learns by subtracting along `relations`, in any order.
    /// A cell that never shows anybody (not in `cells`) is known to be 0.
    static func derivable(from visible: Set<Cell>, relations: [(Cell, [Cell])], cells: Set<Cell>) -> Set<Cell> {
        var known = visible
        var learned = true
        while learned {
            learned = false
            for (total, parts) in relations {
                let unknown = ([total] + parts).filter { cells.contains($0) && !known.contains($0) }
                if unknown.count == 1 {
                    known.insert(unknown[0])
                    learned = true
                }
            }
        }
        return known
    }

    @Test func aSmallRoleInATeamIsHiddenAndSoIsWhatWouldGiveItAway() {
        let cube = ResultCube(dimensionCount: 1, regionOfTeam: ["a": "noord", "b": "noord"])
        let leaves: [Leaf: Int] = [
            Leaf(team: "a", values: ["parent"]): 40, Leaf(team: "a", values: ["youth"]): 3,
            Leaf(team: "b", values: ["parent"]): 30, Leaf(team: "b", values: ["youth"]): 20,
        ]
        let hidden = cube.hiddenCells(leaves, minimum: 10)
        #expect(hidden.contains(Cell(place: .team("a"), values: ["youth"])))
        // Team a's parents would be "team a minus its youths"; b's youths "all youths minus a's".
        #expect(hidden.contains(Cell(place: .team("a"), values: ["parent"])))
        #expect(hidden.contains(Cell(place: .team("b"), values: ["youth"])))
        #expect(!hidden.contains(Cell(place: .organisation, values: [nil])))
    }

    /// For random organisations and any set of filters, someone who reads every view (no filter,
    /// each filter alone, the filters together) and subtracts in any order never learns a group
    /// below the minimum.
    @Test(arguments: 0..<300)
    func noCombinationOfViewsRevealsASmallGroup(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 7)
        let minimum = Int.random(in: 5...10, using: &random)
        var regionOfTeam: [String: String] = [:]
        for team in 0..<Int.random(in: 1...6, using: &random) { regionOfTeam["t\(team)"] = "r\(Int.random(in: 0...2, using: &random))" }
        let dimensions = Int.random(in: 0...2, using: &random)
        let valueSets = [["parent", "youth", "foster"], ["nl", "en"]]
        var leaves: [Leaf: Int] = [:]
        let teams: [String?] = regionOfTeam.keys.sorted() + [nil]
        func combos(_ index: Int) -> [[String]] {
            index == dimensions ? [[]] : valueSets[index].flatMap { value in combos(index + 1).map { [value] + $0 } }
        }
        for team in teams {
            for values in combos(0) { leaves[Leaf(team: team, values: values)] = [0, 0, 1, 2, 4, 6, 9, 12, 20, 35].randomElement(using: &random)! }
        }
        let ownTeams: Set<String>? = Bool.random(using: &random) ? Set(regionOfTeam.keys.filter { _ in Bool.random(using: &random) }) : nil
        let cube = ResultCube(dimensionCount: dimensions, regionOfTeam: regionOfTeam, ownTeams: ownTeams)
        let counts = cube.counts(leaves)
        // The application builds each page's cube from only the filters that page uses; the
        // attacker reads all of those pages. A page's cell is put back in full form (nil = any).
        var visible = Set<Cell>()
        for subset in 0..<(1 << dimensions) {
            let kept = (0..<dimensions).filter { subset & (1 << $0) != 0 }
            var pageLeaves: [Leaf: Int] = [:]
            for (leaf, count) in leaves { pageLeaves[Leaf(team: leaf.team, values: kept.map { leaf.values[$0] }), default: 0] += count }
            let page = ResultCube(dimensionCount: kept.count, regionOfTeam: regionOfTeam, ownTeams: ownTeams)
            let pageHidden = page.hiddenCells(pageLeaves, minimum: minimum)
            for cell in page.counts(pageLeaves).keys where !pageHidden.contains(cell) {
                var values = [String?](repeating: nil, count: dimensions)
                for (index, dimension) in kept.enumerated() { values[dimension] = cell.values[index] }
                visible.insert(Cell(place: cell.place, values: values))
            }
        }
        let small = Set(counts.filter { (1..<minimum).contains($0.value) }.map(\.key))
        #expect(small.isDisjoint(with: visible))

        // Every sum the attacker knows: places and every dimension, at every combination.
        var relations: [(Cell, [Cell])] = []
        let allCells = Set(counts.keys)
        let regions = Set(regionOfTeam.values)
        let placeSets: [ResultCube.Place: [ResultCube.Place]] = {
            var sets: [ResultCube.Place: [ResultCube.Place]] = [.organisation: regions.map { .region($0) } + [.noTeam]]
            for region in regions { sets[.region(region)] = regionOfTeam.filter { $0.value == region }.map { .team($0.key) } }
            if let ownTeams { sets[.ownTeams] = ownTeams.map { .team($0) } }
            return sets
        }()
        for cell in allCells {
            if let parts = placeSets[cell.place] { relations.append((cell, parts.map { Cell(place: $0, values: cell.values) })) }
            for index in cell.values.indices where cell.values[index] == nil {
                relations.append(
                    (
                        cell,
                        valueSets[index].map { value in
                            var values = cell.values
                            values[index] = value
                            return Cell(place: cell.place, values: values)
                        }
                    ))
            }
        }
        let known = Self.derivable(from: visible, relations: relations, cells: allCells)
        #expect(small.isDisjoint(with: known), "seed \(seed): \(small.intersection(known).map(\.name).sorted()) can be derived")
    }

    /// Months nest in quarters. Someone who reads the pages by quarter (a cube over quarters) and
    /// by month (months nested in quarters), with and without a role filter, and subtracts
    /// (a quarter is its months, the year its quarters) never learns a group below the minimum;
    /// and both kinds of page settle every quarter alike.
    @Test(arguments: 0..<300)
    func monthsAndQuartersTogetherRevealNoSmallGroup(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 1_001)
        let minimum = Int.random(in: 5...10, using: &random)
        var regionOfTeam: [String: String] = [:]
        for team in 0..<Int.random(in: 1...5, using: &random) { regionOfTeam["t\(team)"] = "r\(Int.random(in: 0...1, using: &random))" }
        let quarterOf = ["2026-01": "2026-Q1", "2026-02": "2026-Q1", "2026-03": "2026-Q1", "2026-04": "2026-Q2", "2026-05": "2026-Q2"]
        let months = Array(quarterOf.keys.sorted().prefix(Int.random(in: 1...5, using: &random)))
        let roles = Bool.random(using: &random) ? ["parent", "youth"] : []
        let teams: [String?] = regionOfTeam.keys.sorted() + [nil]
        // Full leaves: [role, month] or [month].
        var leaves: [Leaf: Int] = [:]
        for team in teams {
            for role in roles.isEmpty ? [nil] : roles.map(Optional.some) {
                for month in months {
                    leaves[Leaf(team: team, values: [role, month].compactMap { $0 })] = [0, 0, 1, 2, 4, 6, 9, 12, 20].randomElement(using: &random)!
                }
            }
        }
        let dimensions = roles.isEmpty ? 1 : 2
        let period = dimensions - 1
        let full = ResultCube(dimensionCount: dimensions, regionOfTeam: regionOfTeam, parents: [period: quarterOf])
        let counts = full.counts(leaves)

        enum PeriodPage: CaseIterable { case none, quarters, months }
        var visible = Set<Cell>()
        var settledQuarters: [Bool: [Set<Cell>]] = [:]
        for keepRole in roles.isEmpty ? [false] : [false, true] {
            for periodPage in PeriodPage.allCases {
                var pageLeaves: [Leaf: Int] = [:]
                for (leaf, count) in leaves {
                    var values: [String] = keepRole ? [leaf.values[0]] : []
                    switch periodPage {
                    case .none: break
                    case .quarters: values.append(quarterOf[leaf.values[period]]!)
                    case .months: values.append(leaf.values[period])
                    }
                    pageLeaves[Leaf(team: leaf.team, values: values), default: 0] += count
                }
                let pageDimensions = (keepRole ? 1 : 0) + (periodPage == .none ? 0 : 1)
                let page = ResultCube(
                    dimensionCount: pageDimensions, regionOfTeam: regionOfTeam, parents: periodPage == .months ? [pageDimensions - 1: quarterOf] : [:])
                let hidden = page.hiddenCells(pageLeaves, minimum: minimum)
                var pageVisible = Set<Cell>()
                var pageHiddenQuarters = Set<Cell>()
                for cell in page.counts(pageLeaves).keys {
                    var values = [String?](repeating: nil, count: dimensions)
                    if keepRole { values[0] = cell.values[0] }
                    if periodPage != .none { values[period] = cell.values[pageDimensions - 1] }
                    let fullCell = Cell(place: cell.place, values: values)
                    if hidden.contains(cell) {
                        if periodPage != .none, quarterOf[values[period] ?? ""] == nil { pageHiddenQuarters.insert(fullCell) }
                    } else {
                        pageVisible.insert(fullCell)
                    }
                }
                visible.formUnion(pageVisible)
                if periodPage != .none { settledQuarters[keepRole, default: []].append(pageHiddenQuarters) }
            }
        }
        for (_, settled) in settledQuarters { #expect(settled[0] == settled[1], "seed \(seed): quarters are settled differently by month") }

        let small = Set(counts.filter { (1..<minimum).contains($0.value) }.map(\.key))
        #expect(small.isDisjoint(with: visible))

        let allCells = Set(counts.keys)
        let regions = Set(regionOfTeam.values)
        var placeSets: [ResultCube.Place: [ResultCube.Place]] = [.organisation: regions.map { .region($0) } + [.noTeam]]
        for region in regions { placeSets[.region(region)] = regionOfTeam.filter { $0.value == region }.map { .team($0.key) } }
        let quarters = Set(months.compactMap { quarterOf[$0] }).sorted()
        var relations: [(Cell, [Cell])] = []
        for cell in allCells {
            if let parts = placeSets[cell.place] { relations.append((cell, parts.map { Cell(place: $0, values: cell.values) })) }
            func replacing(_ index: Int, with values: [String]) -> [Cell] {
                values.map { value in
                    var replaced = cell.values
                    replaced[index] = value
                    return Cell(place: cell.place, values: replaced)
                }
            }
            if !roles.isEmpty, cell.values[0] == nil { relations.append((cell, replacing(0, with: roles))) }
            if cell.values[period] == nil {
                relations.append((cell, replacing(period, with: quarters)))
                relations.append((cell, replacing(period, with: months)))
            } else if let quarter = cell.values[period], quarters.contains(quarter) {
                relations.append((cell, replacing(period, with: months.filter { quarterOf[$0] == quarter })))
            }
        }
        let known = Self.derivable(from: visible, relations: relations, cells: allCells)
        #expect(small.isDisjoint(with: known), "seed \(seed): \(small.intersection(known).map(\.name).sorted()) can be derived")
    }
}
