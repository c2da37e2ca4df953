import Foundation

/// The released classes' answer counts as one table of numbers: a row per class, a column per
/// (question, answer) slot. A results page sums the classes of each place, period and filter it
/// shows, often hundreds of times; summing rows of integers costs a fraction of merging
/// dictionaries keyed by strings, which was most of a page's time. Built once per `ResultsData`
/// (which the results cache keeps for the month).
public struct DenseTallies: Sendable {
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
        // One pass, columns given out as first met: the order of rows and columns does not
        // matter to a sum, and this is built while the first results request of the month
        // waits. Per question a base column and a small map of its options' columns.
        struct Builder {
            let base: Int
            var options: [String: Int] = [:]
        }
        var builders: [String: Builder] = [:]
        var width = 0
        let classes = Array(classSizes.keys)
        var rows: [[(column: Int, count: Int)]] = []
        rows.reserveCapacity(classes.count)
        for released in classes {
            var row: [(column: Int, count: Int)] = []
            for (question, tally) in tallies[released] ?? [:] {
                var builder: Builder
                if let known = builders[question] {
                    builder = known
                } else {
                    builder = Builder(base: width)
                    width += 4
                }
                row.append((builder.base, tally.respondents))
                row.append((builder.base + 1, tally.dontKnow))
                row.append((builder.base + 2, tally.notApplicable))
                row.append((builder.base + 3, tally.texts))
                for (key, count) in tally.options {
                    if let column = builder.options[key] {
                        row.append((column, count))
                    } else {
                        builder.options[key] = width
                        row.append((width, count))
                        width += 1
                    }
                }
                builders[question] = builder
            }
            rows.append(row)
        }
        var counts = [Int](repeating: 0, count: classes.count * width)
        for (index, row) in rows.enumerated() {
            let base = index * width
            for (column, count) in row { counts[base + column] = count }
        }
        self.classes = classes
        self.sizes = classes.map { classSizes[$0] ?? 0 }
        self.width = width
        self.counts = counts
        self.questions = builders.mapValues { builder in
            QuestionColumns(
                respondents: builder.base, dontKnow: builder.base + 1, notApplicable: builder.base + 2, texts: builder.base + 3,
                options: builder.options.map { (key: $0.key, column: $0.value) }.sorted { $0.column < $1.column })
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
