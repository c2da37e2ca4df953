import Foundation

/// Counts of people shown to staff who may not see the people themselves: a count below the
/// minimum is hidden, and so is one more cell of the same breakdown when exactly one is hidden,
/// or the hidden one would be the total minus the rest (complementary suppression).
public enum SmallCounts {
    /// The cells of one breakdown whose total is shown; nil where hidden. A total below the
    /// minimum hides everything.
    public static func breakdown(_ counts: [Int], minimum: Int) -> [Int?] {
        let threshold = max(minimum, MinimumGroupSize.floor)
        guard counts.reduce(0, +) >= threshold else { return counts.map { _ in nil } }
        var shown: [Int?] = counts.map { $0 == 0 || $0 >= threshold ? $0 : nil }
        let hidden = shown.indices.filter { shown[$0] == nil }
        if hidden.count == 1 {
            // The smallest other non-zero cell goes too, so the hidden one cannot be worked out.
            let other = shown.indices.filter { $0 != hidden[0] && counts[$0] > 0 }.min { counts[$0] < counts[$1] }
            if let other { shown[other] = nil }
        }
        return shown
    }

    /// A single count: shown when at least the minimum (or zero), else hidden.
    public static func single(_ count: Int, minimum: Int) -> Int? {
        count == 0 || count >= max(minimum, MinimumGroupSize.floor) ? count : nil
    }
}
