/// The one place that decides which figures may be shown (DESIGN §4.2, DOMAIN.md "Small groups").
/// Every view, export and API answer of results is meant to go through it.
///
/// Figures are cells with a count of respondents, tied together by additive relations: a region is
/// the sum of its teams, all respondents are a filtered group plus the rest, a year is its quarters.
/// A cell with 1 to minimum − 1 respondents is hidden (primary suppression). Then, because anyone can
/// subtract, no relation may have exactly one hidden member: where it does, the smallest other
/// member is hidden too (complementary suppression), until nothing changes. A count of 0 reveals
/// nobody and is never hidden. Figures of a hidden cell — count, percentage, mean, chart bar, quote
/// — are all withheld.
public enum SmallGroupSuppression {
    /// "Total = sum of parts", with cells named by the caller (`team:…`, `region:…`, `total`).
    public struct Relation: Hashable, Sendable {
        public let total: String
        public let parts: [String]

        public init(total: String, parts: [String]) {
            self.total = total
            self.parts = parts
        }
    }

    /// Below this many responses a result is shown with "few responses, interpret with care".
    public static let fewResponses = 30

    /// The cells to hide. `minimum` is the organisation's setting; it is never taken below
    /// `MinimumGroupSize.floor`.
    public static func hiddenCells(counts: [String: Int], relations: [Relation], minimum: Int) -> Set<String> {
        let threshold = max(minimum, MinimumGroupSize.floor)
        var hidden = Set(counts.filter { (1..<threshold).contains($0.value) }.map(\.key))
        var changed = true
        while changed {
            changed = false
            for relation in relations {
                let members = [relation.total] + relation.parts
                let hiddenMembers = members.filter { hidden.contains($0) }
                guard hiddenMembers.count == 1 else { continue }
                // Hide the smallest other part that shows somebody; the total only when no part can.
                let candidates = relation.parts.filter { !hidden.contains($0) && (counts[$0] ?? 0) > 0 }
                    .sorted { ((counts[$0] ?? 0), $0) < ((counts[$1] ?? 0), $1) }
                if let next = candidates.first {
                    hidden.insert(next)
                } else if !hidden.contains(relation.total), (counts[relation.total] ?? 0) > 0 {
                    hidden.insert(relation.total)
                } else {
                    continue
                }
                changed = true
            }
        }
        return hidden
    }

    /// Whether a shown result rests on few responses and says so.
    public static func isFewResponses(_ count: Int) -> Bool { count < fewResponses }
}
