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
        var problem = Problem(counts: counts, relations: relations)
        let threshold = max(minimum, MinimumGroupSize.floor)
        var hidden = problem.flags { name in counts[name].map { (1..<threshold).contains($0) } ?? false || alreadyHidden.contains(name) }
        let isDecided = problem.flags { decided.contains($0) }
        // Hidden cells that can still be worked out by subtracting: they protect nothing, so
        // relations do not count them as hidden and they are never picked as a complement.
        var exposed = [Bool](repeating: false, count: problem.names.count)
        while true {
            problem.closeRelations(hidden: &hidden, exposed: exposed, decided: isDecided)
            let derivable = problem.derivableCells(hidden: hidden)
            var newlyExposed = false
            for cell in problem.names.indices where derivable[cell] && hidden[cell] && !exposed[cell] {
                exposed[cell] = true
                newlyExposed = true
            }
            if !newlyExposed { return Set(problem.names.indices.filter { hidden[$0] }.map { problem.names[$0] }).union(alreadyHidden) }
        }
    }

    /// The cells and relations by number, so the loops below compare integers, not names.
    private struct Problem {
        var names: [String] = []
        /// Nil for a cell a relation names but no view counts: it is never hidden, and known.
        var counts: [Int?] = []
        var relations: [(total: Int, parts: [Int])] = []
        private var numbers: [String: Int] = [:]

        init(counts: [String: Int], relations: [Relation]) {
            for name in counts.keys.sorted() { _ = number(name, counts) }
            self.relations = relations.map { relation in (number(relation.total, counts), relation.parts.map { number($0, counts) }) }
        }

        private mutating func number(_ name: String, _ counts: [String: Int]) -> Int {
            if let existing = numbers[name] { return existing }
            numbers[name] = names.count
            names.append(name)
            self.counts.append(counts[name])
            return names.count - 1
        }

        func flags(_ test: (String) -> Bool) -> [Bool] { names.map(test) }

        /// Complementary suppression: until no relation has exactly one (protecting) hidden member.
        func closeRelations(hidden: inout [Bool], exposed: [Bool], decided: [Bool]) {
            // Hide the smallest other part that shows somebody, else an empty one (when another
            // view shows the total, an empty part could give the hidden one away); the total
            // only when no part can be hidden. Ties go by name, so every run hides the same cells.
            let unavailable = { (cell: Int, hidden: [Bool]) in hidden[cell] || decided[cell] || exposed[cell] || counts[cell] == nil }
            let order = { (cell: Int) in (counts[cell] == 0 ? 1 : 0, counts[cell] ?? 0) }
            var changed = true
            while changed {
                changed = false
                for relation in relations {
                    var hiddenMembers = (hidden[relation.total] && !exposed[relation.total]) ? 1 : 0
                    for part in relation.parts where hidden[part] && !exposed[part] {
                        hiddenMembers += 1
                        if hiddenMembers > 1 { break }
                    }
                    guard hiddenMembers == 1 else { continue }
                    var best: Int?
                    for part in relation.parts where !unavailable(part, hidden) {
                        if let current = best {
                            let (a, b) = (order(part), order(current))
                            if a < b || (a == b && names[part] < names[current]) { best = part }
                        } else {
                            best = part
                        }
                    }
                    if let best {
                        hidden[best] = true
                    } else if !unavailable(relation.total, hidden) {
                        hidden[relation.total] = true
                    } else {
                        continue
                    }
                    changed = true
                }
            }
        }

        /// What someone who sees every shown cell learns by subtracting, in any order.
        func derivableCells(hidden: [Bool]) -> [Bool] {
            var known = names.indices.map { counts[$0] == nil || !hidden[$0] }
            var learned = true
            while learned {
                learned = false
                for relation in relations {
                    var unknown = -1
                    var unknownCount = known[relation.total] ? 0 : 1
                    if unknownCount == 1 { unknown = relation.total }
                    for part in relation.parts where !known[part] {
                        unknownCount += 1
                        unknown = part
                        if unknownCount > 1 { break }
                    }
                    if unknownCount == 1 {
                        known[unknown] = true
                        learned = true
                    }
                }
            }
            return known
        }
    }

    /// Whether a shown result rests on few responses and says so.
    public static func isFewResponses(_ count: Int) -> Bool { count < fewResponses }
}
