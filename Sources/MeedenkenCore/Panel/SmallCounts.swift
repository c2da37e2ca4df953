import Foundation

/// Counts of people shown to staff who may not see the people themselves: a count below the
/// minimum is hidden, and more cells of the same breakdown are hidden with it (the smallest first)
/// until the hidden ones are at least two and together reach the minimum, so neither the total
/// minus the rest nor two hidden cells together give a small group away (complementary
/// suppression).
public enum SmallCounts {
    /// The cells of one breakdown whose total is shown; nil where hidden. A total below the
    /// minimum hides everything.
    public static func breakdown(_ counts: [Int], minimum: Int) -> [Int?] {
        let threshold = max(minimum, MinimumGroupSize.floor)
        guard counts.reduce(0, +) >= threshold else { return counts.map { _ in nil } }
        var shown: [Int?] = counts.map { $0 == 0 || $0 >= threshold ? $0 : nil }
        while true {
            let hidden = shown.indices.filter { shown[$0] == nil }
            if hidden.isEmpty || (hidden.count >= 2 && hidden.map { counts[$0] }.reduce(0, +) >= threshold) { break }
            guard let next = shown.indices.filter({ shown[$0] != nil && counts[$0] > 0 }).min(by: { counts[$0] < counts[$1] }) else { break }
            shown[next] = nil
        }
        return shown
    }

    /// A single count: shown when at least the minimum (or zero), else hidden.
    public static func single(_ count: Int, minimum: Int) -> Int? {
        count == 0 || count >= max(minimum, MinimumGroupSize.floor) ? count : nil
    }
}
