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
    /// `MinimumGroupSize.floor`. `alreadyHidden` are cells another view of the same data hid, so
    /// that no view shows what another one had to withhold. `decided` are cells whose visibility
    /// another view settled: they are hidden exactly when in `alreadyHidden`, never hidden anew here.
    public static func hiddenCells(
        counts: [String: Int], relations: [Relation], minimum: Int, alreadyHidden: Set<String> = [], decided: Set<String> = []
    ) -> Set<String> {
        let threshold = max(minimum, MinimumGroupSize.floor)
        var hidden = Set(counts.filter { (1..<threshold).contains($0.value) }.map(\.key)).union(alreadyHidden)
        // Hidden cells that can still be worked out by subtracting: they protect nothing, so
        // relations do not count them as hidden and they are never picked as a complement.
        var exposed = Set<String>()
        while true {
            closeRelations(hidden: &hidden, exposed: exposed, counts: counts, relations: relations, decided: decided)
            let derivable = derivableCells(hidden: hidden, counts: counts, relations: relations)
            let newlyExposed = derivable.intersection(hidden).subtracting(exposed)
            if newlyExposed.isEmpty { return hidden }
            exposed.formUnion(newlyExposed)
        }
    }

    /// Complementary suppression: until no relation has exactly one (protecting) hidden member.
    private static func closeRelations(
        hidden: inout Set<String>, exposed: Set<String>, counts: [String: Int], relations: [Relation], decided: Set<String>
    ) {
        var current = hidden
        defer { hidden = current }
        var changed = true
        while changed {
            changed = false
            for relation in relations {
                let members = [relation.total] + relation.parts
                let hiddenMembers = members.filter { current.contains($0) && !exposed.contains($0) }
                guard hiddenMembers.count == 1 else { continue }
                // Hide the smallest other part that shows somebody, else an empty one (when another
                // view shows the total, an empty part could give the hidden one away); the total
                // only when no part can be hidden.
                let unavailable = { (cell: String) in
                    current.contains(cell) || decided.contains(cell) || exposed.contains(cell) || counts[cell] == nil
                }
                let candidates = relation.parts.filter { !unavailable($0) }
                    .sorted { (counts[$0] == 0 ? 1 : 0, counts[$0] ?? 0, $0) < (counts[$1] == 0 ? 1 : 0, counts[$1] ?? 0, $1) }
                if let next = candidates.first {
                    current.insert(next)
                } else if !unavailable(relation.total) {
                    current.insert(relation.total)
                } else {
                    continue
                }
                changed = true
            }
        }
    }

    /// What someone who sees every shown cell learns by subtracting, in any order.
    private static func derivableCells(hidden: Set<String>, counts: [String: Int], relations: [Relation]) -> Set<String> {
        var known = Set(counts.keys).subtracting(hidden)
        var learned = true
        while learned {
            learned = false
            for relation in relations {
                let unknown = ([relation.total] + relation.parts).filter { counts[$0] != nil && !known.contains($0) }
                if unknown.count == 1 {
                    known.insert(unknown[0])
                    learned = true
                }
            }
        }
        return known
    }

    /// Whether a shown result rests on few responses and says so.
    public static func isFewResponses(_ count: Int) -> Bool { count < fewResponses }
}
