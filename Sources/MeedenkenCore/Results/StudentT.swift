import Foundation
import Synchronization

/// Student's t distribution, enough for confidence intervals and Welch's test. Written out here
/// (no numerics package is available to us) and checked against `scipy.stats` in the tests.
public enum StudentT {
    /// P(|T| ≥ |t|) with `degreesOfFreedom`: the two-sided p-value of a t statistic.
    public static func twoSidedP(_ t: Double, degreesOfFreedom df: Double) -> Double {
        guard t.isFinite else { return 0 }
        guard df > 0 else { return .nan }
        let x = df / (df + t * t)
        return min(1, max(0, IncompleteBeta.regularized(x, a: df / 2, b: 0.5)))
    }

    /// The t with P(|T| ≥ t) = `twoSidedP`: 1.96-like multipliers for confidence intervals.
    /// A results page asks this for every cell's mean, mostly for the same few (p, df), and each
    /// answer costs a search of some fifty incomplete-beta evaluations: answers are remembered.
    public static func criticalValue(twoSidedP p: Double, degreesOfFreedom df: Double) -> Double {
        let key = CriticalValueKey(p: p, df: df)
        if let known = criticalValues.withLock({ $0[key] }) { return known }
        let value = searchCriticalValue(twoSidedP: p, degreesOfFreedom: df)
        criticalValues.withLock { known in
            // Bounded: the degrees of freedom are response counts, so few distinct ones recur.
            if known.count >= 50_000 { known.removeAll(keepingCapacity: true) }
            known[key] = value
        }
        return value
    }

    private struct CriticalValueKey: Hashable {
        let p: Double
        let df: Double
    }

    private static let criticalValues = Mutex<[CriticalValueKey: Double]>([:])

    static func searchCriticalValue(twoSidedP p: Double, degreesOfFreedom df: Double) -> Double {
        // The p-value falls as t grows, so halving the interval converges; 200 steps reach the
        // precision of a Double long before the end.
        var low = 0.0
        var high = 1.0
        while twoSidedP(high, degreesOfFreedom: df) > p { high *= 2 }
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if twoSidedP(middle, degreesOfFreedom: df) > p { low = middle } else { high = middle }
            if high - low < 1e-12 { break }
        }
        return (low + high) / 2
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz).
enum IncompleteBeta {
    static func regularized(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        let front = exp(logFront)
        // The fraction converges fast on the side of the mean; use the symmetry on the other side.
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var result = d
        for m in 1...500 {
            let m = Double(m)
            let evenStep: Double = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + evenStep * d
            if abs(d) < tiny { d = tiny }
            c = 1 + evenStep / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            result *= d * c
            let oddNumerator: Double = -(a + m) * (a + b + m) * x
            let oddStep: Double = oddNumerator / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + oddStep * d
            if abs(d) < tiny { d = tiny }
            c = 1 + oddStep / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            result *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return result
    }
}
