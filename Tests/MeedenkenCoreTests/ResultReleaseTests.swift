import Testing

@testable import MeedenkenCore

@Suite("Released classes: no group below the minimum can be worked out")
struct ResultReleaseTests {
    typealias Record = ResultRelease.Record

    private func record(_ team: String?, _ role: String = "youth", _ age: String = "12-15", month: String = "2026-01") -> Record {
        Record(team: team, attributes: [role, age, "nl", "invitation"], month: month)
    }

    @Test func aLargeGroupIsReleasedAsItIsAndASmallOneRollsUpToItsRegion() {
        let counts = [record("a"): 12, record("b"): 4, record("c"): 7]
        let release = ResultRelease(counts: counts, regionOfTeam: ["a": "north", "b": "north", "c": "north"], minimum: 10, firstOpenMonth: "2026-02")
        #expect(release.classOf[record("a")]?.place == .team("a"))
        #expect(release.classOf[record("a")]?.attributes == ["youth", "12-15", "nl", "invitation"])
        #expect(release.classOf[record("b")]?.place == .region("north"))
        #expect(release.classOf[record("b")] == release.classOf[record("c")], "b and c together make 11")
        #expect(release.classSizes.values.allSatisfy { $0 >= 10 })
    }

    @Test func theMonthThatIsStillOpenIsNeverReleased() {
        let counts = [record("a", month: "2026-01"): 30, record("a", month: "2026-02"): 30]
        let release = ResultRelease(counts: counts, regionOfTeam: ["a": "north"], minimum: 10, firstOpenMonth: "2026-02")
        #expect(release.classOf[record("a", month: "2026-02")] == nil)
        #expect(release.classSizes.values.reduce(0, +) == 30)
    }

    @Test func aClosedMonthNeverChangesWhenLaterMonthsArrive() {
        var random = SplitMix(seed: 7)
        var counts: [Record: Int] = [:]
        for team in ["a", "b", "c"] {
            for month in ["2026-01", "2026-02", "2026-03", "2026-04"] {
                for role in ["youth", "parent"] { counts[record(team, role, month: month)] = Int.random(in: 0...14, using: &random) }
            }
        }
        let regions = ["a": "north", "b": "north", "c": "south"]
        let early = ResultRelease(counts: counts, regionOfTeam: regions, minimum: 10, firstOpenMonth: "2026-03")
        let later = ResultRelease(counts: counts, regionOfTeam: regions, minimum: 10, firstOpenMonth: "2026-05")
        for (record, released) in early.classOf where record.month < "2026-03" {
            if case .month = released.period { #expect(later.classOf[record] == released) }
        }
    }

    @Test func whatIsLeftOfAMonthWaitsForItsQuarter() {
        let counts = [record("a", month: "2026-01"): 4, record("a", month: "2026-02"): 3, record("a", month: "2026-03"): 4]
        let open = ResultRelease(counts: counts, regionOfTeam: ["a": "north"], minimum: 10, firstOpenMonth: "2026-03")
        #expect(open.classOf.isEmpty, "the quarter is not closed yet")
        let closed = ResultRelease(counts: counts, regionOfTeam: ["a": "north"], minimum: 10, firstOpenMonth: "2026-04")
        #expect(closed.classOf[record("a", month: "2026-01")]?.period == .quarter("2026-Q1"))
        #expect(closed.classSizes.values.reduce(0, +) == 11)
    }

    @Test func theMinimumIsNeverBelowFive() {
        let release = ResultRelease(counts: [record("a"): 4], regionOfTeam: ["a": "north"], minimum: 2, firstOpenMonth: "2026-02")
        #expect(release.classOf.isEmpty)
    }

    @Test func theAttackerFindsWhatHidingOnlySmallCellsGivesAway() {
        // Records: team a (12 people), team b (3), both in one region. Hiding only the small
        // cell shows the region (15) and team a (12): b follows by subtraction.
        var attacker = Attacker(size: 2)
        attacker.learn([true, true])
        attacker.learn([true, false])
        #expect(attacker.determines([false, true]))
        var careful = Attacker(size: 2)
        careful.learn([true, true])
        #expect(!careful.determines([false, true]))
    }

    /// The attacker: reads every view a role could ask for (every place, every combination of
    /// filters, every period), at several moments as months close, and solves the linear system
    /// of all of it. No group of 1 … minimum − 1 people (a true cell of place, attributes and
    /// period) may be determined, nor its answer counts to any question.
    @Test(arguments: 0..<30)
    func anAttackerWhoSolvesEverythingShownLearnsNoSmallGroup(seed: Int) {
        var random = SplitMix(seed: UInt64(seed) &+ 11)
        let minimum = Int.random(in: 5...10, using: &random)
        let teams = (0..<Int.random(in: 2...5, using: &random)).map { "t\($0)" }
        var regionOfTeam: [String: String] = [:]
        for team in teams { regionOfTeam[team] = Bool.random(using: &random) ? "r0" : "r1" }
        let values = [["youth", "parent"], ["8-11", "12-15"], ["nl", "en"], ["invitation", "open_link"]]
        let months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
        var counts: [Record: Int] = [:]
        var answered: [Record: Int] = [:]
        for _ in 0..<Int.random(in: 20...90, using: &random) {
            let team = Int.random(in: 0...teams.count, using: &random)
            let record = Record(
                team: team == teams.count ? nil : teams[team], attributes: values.map { $0.randomElement(using: &random)! },
                month: months.randomElement(using: &random)!)
            let people = Int.random(in: 1...(Bool.random(using: &random) ? 4 : 14), using: &random)
            counts[record, default: 0] += people
            answered[record, default: 0] += Int.random(in: 0...people, using: &random)
        }
        let records = counts.keys.sorted { "\($0)" < "\($1)" }
        var attackers = [Attacker(size: records.count), Attacker(size: records.count)]
        let ownTeams = Set(teams.filter { _ in Bool.random(using: &random) })
        let places: [ResultRelease.View.ViewPlace] =
            [.organisation, .noTeam, .region("r0"), .region("r1"), .teams(ownTeams)] + teams.map { .team($0) }
        var attributeChoices: [[String?]] = [[]]
        for options in values { attributeChoices = attributeChoices.flatMap { prefix in ([nil] + options).map { prefix + [$0] } } }
        let periods: [ResultRelease.View.ViewPeriod] = [.all, .quarter("2026-Q1"), .quarter("2026-Q2")] + months.map { .month($0) }
        for firstOpenMonth in ["2026-03", "2026-04", "2026-07"] {
            let release = ResultRelease(counts: counts, regionOfTeam: regionOfTeam, minimum: minimum, firstOpenMonth: firstOpenMonth)
            #expect(release.classSizes.values.allSatisfy { $0 >= minimum })
            let answeredPerClass = release.answeredPerClass(answered)
            for place in places {
                for attributes in attributeChoices {
                    for period in periods {
                        let view = ResultRelease.View(place: place, attributes: attributes, period: period)
                        attackers[0].learn(records.map { record in release.classOf[record].map { release.counts($0, in: view) } ?? false })
                        attackers[1].learn(records.map { release.countsAnswers(of: $0, in: view, answeredInClass: answeredPerClass) })
                    }
                }
            }
        }
        // Every true group: a place, a value or any per attribute, a period.
        let truePlaces: [(Record) -> Bool] =
            [{ _ in true }, { $0.team == nil }] + ["r0", "r1"].map { region in { $0.team.map { regionOfTeam[$0] == region } ?? false } }
            + teams.map { team in { $0.team == team } }
        let truePeriods: [(Record) -> Bool] =
            [{ _ in true }, { $0.month < "2026-04" }, { $0.month >= "2026-04" }] + months.map { month in { $0.month == month } }
        for inPlace in truePlaces {
            for attributes in attributeChoices {
                for inPeriod in truePeriods {
                    let members = records.map { record in
                        inPlace(record) && inPeriod(record) && zip(attributes, record.attributes).allSatisfy { $0 == nil || $0 == $1 }
                    }
                    let people = zip(records, members).reduce(0) { $0 + ($1.1 ? counts[$1.0] ?? 0 : 0) }
                    guard (1..<minimum).contains(people) else { continue }
                    #expect(!attackers[0].determines(members), "seed \(seed): a group of \(people) can be worked out")
                    #expect(!attackers[1].determines(members), "seed \(seed): the answers of a group of \(people) can be worked out")
                }
            }
        }
    }
}

/// Linear algebra over the integers modulo a large prime: what sums of records the views shown
/// so far determine. A sum is determined exactly when its indicator lies in the span of the views.
struct Attacker {
    private static let prime: Int64 = 2_147_483_647
    private let size: Int
    /// Echelon rows, by pivot column.
    private var basis: [Int: [Int64]] = [:]
    private var seen: Set<[Bool]> = []

    init(size: Int) { self.size = size }

    mutating func learn(_ members: [Bool]) {
        guard members.contains(true), seen.insert(members).inserted else { return }
        var row = reduce(members.map { $0 ? 1 : 0 })
        guard let pivot = row.firstIndex(where: { $0 != 0 }) else { return }
        let inverse = Self.power(row[pivot], Self.prime - 2)
        row = row.map { $0 * inverse % Self.prime }
        basis[pivot] = row
    }

    func determines(_ members: [Bool]) -> Bool {
        reduce(members.map { $0 ? 1 : 0 }).allSatisfy { $0 == 0 }
    }

    private func reduce(_ vector: [Int64]) -> [Int64] {
        var row = vector
        for column in 0..<size where row[column] != 0 {
            guard let pivotRow = basis[column] else { continue }
            let factor = row[column]
            for index in column..<size where pivotRow[index] != 0 {
                row[index] = ((row[index] - factor * pivotRow[index]) % Self.prime + Self.prime) % Self.prime
            }
        }
        return row
    }

    private static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1
        var base = base % prime
        var exponent = exponent
        while exponent > 0 {
            if exponent & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            exponent >>= 1
        }
        return result
    }
}
