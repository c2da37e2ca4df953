import Foundation

/// What results may show of one questionnaire: the released classes (`ResultRelease`: closed
/// months only, classes of at least the minimum) with their people, and per class the answers to
/// each question that at least the minimum of the class answered. Every figure of every view is a
/// sum over these classes. Settled from the count tables (`ResultTallies`) as the store reads
/// them, per record of team, attributes and month; open-answer texts are never
/// read here, only counted.
public struct ResultsData: Sendable {
    public typealias Class = ResultRelease.Class

    public let release: ResultRelease
    public let tallies: [Class: [String: QuestionTally]]
    /// The same counts as a table of numbers, for summing many views fast.
    public let dense: DenseTallies

    public init(release: ResultRelease, tallies: [Class: [String: QuestionTally]]) {
        self.release = release
        self.tallies = tallies
        self.dense = DenseTallies(tallies: tallies, sizes: release.classSizes)
    }

    public var classSizes: [Class: Int] { release.classSizes }

    /// Whether no class is released (nothing to show yet).
    public var isEmpty: Bool { release.classSizes.isEmpty }

    /// The attributes of a record, in `ResultRelease.Record.attributes` order.
    public static let attributes: [ResultDimension] = [.role, .ageBand, .language, .channel]

    /// Settles the classes and their answers (CPU only: run it off the event loops).
    public static func settle(
        people: [ResultRelease.Record: Int], answers: [ResultRelease.Record: [String: QuestionTally]], organisation: ResultOrganisation, minimum: Int,
        firstOpenMonth: String
    ) -> ResultsData {
        let release = ResultRelease(counts: people, regionOfTeam: organisation.regionOfTeamByText, minimum: minimum, firstOpenMonth: firstOpenMonth)
        return ResultsData(release: release, tallies: classTallies(answers, release: release))
    }

    /// Answers per class, keeping a question only where at least the minimum of the class
    /// answered it: the class is the smallest group any figure rests on.
    public static func classTallies(_ recordTallies: [ResultRelease.Record: [String: QuestionTally]], release: ResultRelease) -> [Class: [String:
        QuestionTally]]
    {
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
