import Foundation

/// The released classes' answer counts as one table of numbers: a row per class, a column per
/// (question, answer) slot. A results page sums the classes of each place, period and filter it
/// shows, often hundreds of times; summing rows of integers costs a fraction of merging
/// dictionaries keyed by strings, which was most of a page's time. Built once per `ResultsData`
/// (which the results cache keeps for the month).
public struct DenseTallies: Sendable {
    /// What one column counts.
    enum Slot: Hashable, Sendable {
        case respondents
        case dontKnow
        case notApplicable
        case texts
        case option(String)
    }

    /// Per question, its columns: the four fixed ones first, then its options.
    struct QuestionColumns: Sendable {
        let respondents: Int
        let dontKnow: Int
        let notApplicable: Int
        let texts: Int
        let options: [(key: String, column: Int)]
    }

    let classes: [ResultRelease.Class]
    let sizes: [Int]
    let questions: [String: QuestionColumns]
    let width: Int
    /// `classes.count × width` counts, row by row.
    let counts: [Int]

    init(tallies: [ResultRelease.Class: [String: QuestionTally]], sizes classSizes: [ResultRelease.Class: Int]) {
        var slots: [String: [Slot: Int]] = [:]
        var width = 0
        func column(_ question: String, _ slot: Slot) -> Int {
            if let known = slots[question]?[slot] { return known }
            slots[question, default: [:]][slot] = width
            width += 1
            return width - 1
        }
        // Columns in a fixed order (questions, then options, sorted), so equal data gives equal tables.
        for question in Set(tallies.values.flatMap(\.keys)).sorted() {
            for slot in [Slot.respondents, .dontKnow, .notApplicable, .texts] { _ = column(question, slot) }
            let keys = Set(tallies.values.compactMap { $0[question] }.flatMap { $0.options.keys }).sorted()
            for key in keys { _ = column(question, .option(key)) }
        }
        let classes = classSizes.keys.sorted { $0.sortKey < $1.sortKey }
        var counts = [Int](repeating: 0, count: classes.count * width)
        for (row, released) in classes.enumerated() {
            let base = row * width
            for (question, tally) in tallies[released] ?? [:] {
                counts[base + column(question, .respondents)] = tally.respondents
                counts[base + column(question, .dontKnow)] = tally.dontKnow
                counts[base + column(question, .notApplicable)] = tally.notApplicable
                counts[base + column(question, .texts)] = tally.texts
                for (key, count) in tally.options { counts[base + column(question, .option(key))] = count }
            }
        }
        self.classes = classes
        self.sizes = classes.map { classSizes[$0] ?? 0 }
        self.width = width
        self.counts = counts
        self.questions = slots.mapValues { slots in
            QuestionColumns(
                respondents: slots[.respondents] ?? 0, dontKnow: slots[.dontKnow] ?? 0, notApplicable: slots[.notApplicable] ?? 0,
                texts: slots[.texts] ?? 0,
                options: slots.compactMap { slot, column in
                    if case .option(let key) = slot { return (key, column) }
                    return nil
                }.sorted { $0.column < $1.column })
        }
    }

    /// People and summed counts of the classes `counted` accepts.
    func sum(where counted: (ResultRelease.Class) -> Bool) -> (people: Int, counts: [Int]) {
        var people = 0
        var sum = [Int](repeating: 0, count: width)
        counts.withUnsafeBufferPointer { table in
            sum.withUnsafeMutableBufferPointer { total in
                for row in classes.indices where counted(classes[row]) {
                    people += sizes[row]
                    let base = row * width
                    for column in 0..<width { total[column] &+= table[base + column] }
                }
            }
        }
        return (people, sum)
    }

    /// One question's tally out of summed counts; nil when nobody in them answered it.
    func tally(of question: String, in sum: [Int]) -> QuestionTally? {
        guard let columns = questions[question], sum[columns.respondents] > 0 else { return nil }
        var options: [String: Int] = [:]
        for (key, column) in columns.options where sum[column] != 0 { options[key] = sum[column] }
        return QuestionTally(
            options: options, dontKnow: sum[columns.dontKnow], notApplicable: sum[columns.notApplicable], respondents: sum[columns.respondents],
            texts: sum[columns.texts])
    }
}
