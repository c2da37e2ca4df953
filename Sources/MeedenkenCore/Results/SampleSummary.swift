import Foundation

/// Count, mean and spread of numeric answers: everything a mean, its confidence interval and a
/// comparison need, so results can be built from grouped counts instead of single answers.
public struct SampleSummary: Hashable, Sendable {
    public private(set) var count: Int = 0
    private var sum: Double = 0
    private var sumOfSquares: Double = 0

    public init() {}

    public init(values: [Double]) {
        for value in values { add(value) }
    }

    public mutating func add(_ value: Double, times: Int = 1) {
        count += times
        sum += value * Double(times)
        sumOfSquares += value * value * Double(times)
    }

    public mutating func merge(_ other: SampleSummary) {
        count += other.count
        sum += other.sum
        sumOfSquares += other.sumOfSquares
    }

    public var mean: Double? { count > 0 ? sum / Double(count) : nil }

    /// The sample variance (n − 1 in the denominator, as SPSS and scipy's `ddof=1`).
    public var variance: Double? {
        guard count > 1, let mean else { return nil }
        return max(0, (sumOfSquares - Double(count) * mean * mean) / Double(count - 1))
    }

    /// The 95% confidence interval of the mean, from Student's t with n − 1 degrees of freedom.
    public var confidenceInterval95: ClosedRange<Double>? {
        guard let mean, let variance else { return nil }
        let margin = StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: Double(count - 1)) * (variance / Double(count)).squareRoot()
        return (mean - margin)...(mean + margin)
    }
}

/// Whether two groups' means differ by more than chance: Welch's t-test (unequal variances), the
/// test we name on the comparison page. Two-sided, significant below `alpha` = 0.05.
public struct WelchTest: Hashable, Sendable {
    public static let alpha = 0.05

    public let difference: Double
    public let t: Double
    public let degreesOfFreedom: Double
    public let p: Double

    public var isSignificant: Bool { p < Self.alpha }

    /// Nil when either group has fewer than two answers or neither varies.
    public init?(_ first: SampleSummary, _ second: SampleSummary) {
        guard let mean1 = first.mean, let mean2 = second.mean, let variance1 = first.variance, let variance2 = second.variance
        else { return nil }
        let part1 = variance1 / Double(first.count)
        let part2 = variance2 / Double(second.count)
        let squaredError = part1 + part2
        guard squaredError > 0 else { return nil }
        difference = mean1 - mean2
        t = difference / squaredError.squareRoot()
        degreesOfFreedom = squaredError * squaredError / (part1 * part1 / Double(first.count - 1) + part2 * part2 / Double(second.count - 1))
        p = StudentT.twoSidedP(t, degreesOfFreedom: degreesOfFreedom)
    }
}
