import Testing

@testable import MeedenkenCore

@Suite("Small groups are never shown")
struct SuppressionTests {
    typealias Relation = SmallGroupSuppression.Relation

    @Test func aSmallTeamIsHiddenAndSoIsASecondTeamInItsRegion() {
        let counts = ["total": 60, "region:noord": 30, "team:a": 4, "team:b": 12, "team:c": 14, "region:zuid": 30, "team:d": 30]
        let relations = [
            Relation(total: "total", parts: ["region:noord", "region:zuid"]),
            Relation(total: "region:noord", parts: ["team:a", "team:b", "team:c"]),
            Relation(total: "region:zuid", parts: ["team:d"]),
        ]
        let hidden = SmallGroupSuppression.hiddenCells(counts: counts, relations: relations, minimum: 10)
        #expect(hidden == ["team:a", "team:b"], "b is the smallest other team: noord minus b and c would give a")
    }

    @Test func theMinimumIsNeverBelowFiveAndZeroRevealsNobody() {
        let counts = ["total": 4, "team:a": 4, "team:b": 0]
        let hidden = SmallGroupSuppression.hiddenCells(
            counts: counts, relations: [Relation(total: "total", parts: ["team:a", "team:b"])], minimum: 2)
        #expect(hidden == ["total", "team:a"])
    }

    @Test func aFilteredGroupAndItsRestAreHiddenTogether() {
        // All parents = parents who answered in English + the rest.
        let counts = ["all": 200, "english": 6, "rest": 194]
        let hidden = SmallGroupSuppression.hiddenCells(
            counts: counts, relations: [Relation(total: "all", parts: ["english", "rest"])], minimum: 10)
        #expect(hidden == ["english", "rest"], "all minus the rest would give the English group")
    }

    @Test func aPeriodIsNotTheDifferenceOfTwoVisibleOnes() {
        let counts = ["2026": 100, "q1": 40, "q2": 3, "q3": 30, "q4": 27]
        let hidden = SmallGroupSuppression.hiddenCells(
            counts: counts, relations: [Relation(total: "2026", parts: ["q1", "q2", "q3", "q4"])], minimum: 10)
        #expect(hidden.contains("q2") && hidden.count == 2)
    }

    @Test func resultsOnFewResponsesSaySo() {
        #expect(SmallGroupSuppression.isFewResponses(29))
        #expect(!SmallGroupSuppression.isFewResponses(30))
    }

    /// For random organisations (regions of teams, each team split by respondent role, and the
    /// role totals across the organisation), someone who subtracts visible figures in any order
    /// never learns a group below the minimum.
    @Test(arguments: 0..<300)
    func noVisibleCombinationRevealsASmallGroup(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed) &+ 1)
        let minimum = Int.random(in: 5...12, using: &random)
        var counts: [String: Int] = [:]
        var relations: [Relation] = []
        var regions: [String] = []
        var roleTotals: [String: [String]] = [:]
        for region in 0..<Int.random(in: 1...4, using: &random) {
            let regionName = "region:\(region)"
            regions.append(regionName)
            var teams: [String] = []
            for team in 0..<Int.random(in: 1...5, using: &random) {
                let teamName = "team:\(region).\(team)"
                teams.append(teamName)
                var roles: [String] = []
                for role in ["parent", "youth", "child"] {
                    let cell = "\(teamName)/\(role)"
                    counts[cell] = [0, 1, 2, 3, 4, 6, 9, 11, 15, 25, 40].randomElement(using: &random)!
                    roles.append(cell)
                    roleTotals[role, default: []].append(cell)
                }
                counts[teamName] = roles.reduce(0) { $0 + counts[$1]! }
                relations.append(Relation(total: teamName, parts: roles))
            }
            counts[regionName] = teams.reduce(0) { $0 + counts[$1]! }
            relations.append(Relation(total: regionName, parts: teams))
        }
        counts["total"] = regions.reduce(0) { $0 + counts[$1]! }
        relations.append(Relation(total: "total", parts: regions))
        for (role, cells) in roleTotals {
            counts["role:\(role)"] = cells.reduce(0) { $0 + counts[$1]! }
            relations.append(Relation(total: "role:\(role)", parts: cells))
        }
        relations.append(Relation(total: "total", parts: roleTotals.keys.sorted().map { "role:\($0)" }))

        let hidden = SmallGroupSuppression.hiddenCells(counts: counts, relations: relations, minimum: minimum)
        let small = Set(counts.filter { (1..<minimum).contains($0.value) }.map(\.key))
        #expect(small.isSubset(of: hidden), "every small group is hidden")

        // The attacker: any relation with exactly one unknown member gives that member away.
        var known = Set(counts.keys).subtracting(hidden)
        var learned = true
        while learned {
            learned = false
            for relation in relations {
                let unknown = ([relation.total] + relation.parts).filter { !known.contains($0) }
                if unknown.count == 1 {
                    known.insert(unknown[0])
                    learned = true
                }
            }
        }
        #expect(small.isDisjoint(with: known), "seed \(seed): \(small.intersection(known).sorted()) can be derived")
    }
}

/// A small deterministic generator, so a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
