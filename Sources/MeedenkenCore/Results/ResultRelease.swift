/// The one decision of what results may show (DESIGN §4.2, docs/threat-model.md): responses are
/// released in classes of at least the minimum number of people, and every figure anywhere — a
/// page with any filters, the API, an aggregate export, the public page, a respondent export — is
/// a sum over whole classes.
///
/// Why classes and not suppression of cells: suppression protects each table on its own, but an
/// attacker who reads many views (all filters, periods, places, several roles, and the same views
/// again later) solves the linear system of everything shown. When every shown number is a sum of
/// whole classes, that system only ever yields sums of classes, and each class holds at least the
/// minimum number of people: no group of 1 … minimum − 1 can be worked out, however views are
/// combined.
///
/// How responses are put into classes (k-anonymity by local recoding, deterministic):
/// - Only closed months are released. A month's classes are settled from that month's responses
///   alone, so they never change afterwards: reading a page before and after someone answers
///   shows no difference until the month has closed, and then the difference is whole classes.
/// - Within a closed month, responses with the same team and attributes (role, age band, language,
///   channel) form a class when there are at least the minimum of them. The rest are grouped with
///   one attribute less (channel first, then language, age band, role), then per region, then for
///   the whole organisation, each time taking only those still left.
/// - What is left of a month waits for its quarter to close and goes through the same steps per
///   quarter, then per year. What is left of a year is never shown.
/// - A question's answers in a class are counted only when at least the minimum of its people
///   answered that question; otherwise they are left out of every figure of that question.
public struct ResultRelease: Sendable {
    /// A response as counted: its team (nil for the open link), its attributes in a fixed order,
    /// and its month (`2026-05`).
    public struct Record: Hashable, Sendable {
        public let team: String?
        public let attributes: [String]
        public let month: String

        public init(team: String?, attributes: [String], month: String) {
            self.team = team
            self.attributes = attributes
            self.month = month
        }
    }

    public enum Place: Hashable, Sendable {
        case team(String)
        case noTeam
        case region(String)
        case organisation
    }

    public enum Period: Hashable, Sendable {
        case month(String)
        case quarter(String)
        case year(String)
    }

    /// A released class: where, which attributes are still known (nil: generalised), and when.
    public struct Class: Hashable, Sendable {
        public let place: Place
        public let attributes: [String?]
        public let period: Period
    }

    /// What a view asks for: a place, a value or "any" (nil) per attribute, and a period.
    public struct View: Hashable, Sendable {
        public enum ViewPlace: Hashable, Sendable {
            case organisation
            case region(String)
            case team(String)
            case noTeam
            /// A team manager's teams together.
            case teams(Set<String>)
        }

        public enum ViewPeriod: Hashable, Sendable {
            case all
            case quarter(String)
            case month(String)
        }

        public let place: ViewPlace
        public let attributes: [String?]
        public let period: ViewPeriod

        public init(place: ViewPlace, attributes: [String?], period: ViewPeriod = .all) {
            self.place = place
            self.attributes = attributes
            self.period = period
        }
    }

    public let minimum: Int
    public let regionOfTeam: [String: String]
    /// The class of every released record; records not in it are withheld.
    public let classOf: [Record: Class]
    /// People per class.
    public let classSizes: [Class: Int]

    /// Settles the classes for `counts` (people per record), releasing months before
    /// `firstOpenMonth` (`2026-12`: everything up to November 2026). The minimum is never taken
    /// below `MinimumGroupSize.floor`.
    public init(counts: [Record: Int], regionOfTeam: [String: String], minimum: Int, firstOpenMonth: String) {
        let threshold = max(minimum, MinimumGroupSize.floor)
        self.minimum = threshold
        self.regionOfTeam = regionOfTeam
        var classOf: [Record: Class] = [:]
        var leftByQuarter: [String: [Record: Int]] = [:]
        var byMonth: [String: [Record: Int]] = [:]
        for (record, count) in counts where count > 0 && record.month < firstOpenMonth { byMonth[record.month, default: [:]][record] = count }
        for (month, records) in byMonth {
            let left = Self.settle(records, period: .month(month), regionOfTeam: regionOfTeam, threshold: threshold, into: &classOf)
            leftByQuarter[Self.quarter(of: month), default: [:]].merge(left) { $0 + $1 }
        }
        var leftByYear: [String: [Record: Int]] = [:]
        for (quarter, records) in leftByQuarter where Self.isClosed(quarter: quarter, firstOpenMonth: firstOpenMonth) {
            let left = Self.settle(records, period: .quarter(quarter), regionOfTeam: regionOfTeam, threshold: threshold, into: &classOf)
            leftByYear[String(quarter.prefix(4)), default: [:]].merge(left) { $0 + $1 }
        }
        for (year, records) in leftByYear where "\(year)-12" < firstOpenMonth {
            _ = Self.settle(records, period: .year(year), regionOfTeam: regionOfTeam, threshold: threshold, into: &classOf)
        }
        var sizes: [Class: Int] = [:]
        for (record, released) in classOf { sizes[released, default: 0] += counts[record] ?? 0 }
        self.classOf = classOf
        self.classSizes = sizes
    }

    /// Whether a class's people count in a view.
    public func counts(_ released: Class, in view: View) -> Bool {
        switch (view.place, released.place) {
        case (.organisation, _): break
        case (.team(let wanted), .team(let team)) where wanted == team: break
        case (.teams(let wanted), .team(let team)) where wanted.contains(team): break
        case (.noTeam, .noTeam): break
        case (.region(let wanted), .region(let region)) where wanted == region: break
        case (.region(let wanted), .team(let team)) where regionOfTeam[team] == wanted: break
        default: return false
        }
        for (wanted, known) in zip(view.attributes, released.attributes) where wanted != nil && wanted != known { return false }
        switch (view.period, released.period) {
        case (.all, _): return true
        case (.month(let wanted), .month(let month)): return wanted == month
        case (.quarter(let wanted), .month(let month)): return Self.quarter(of: month) == wanted
        case (.quarter(let wanted), .quarter(let quarter)): return wanted == quarter
        default: return false
        }
    }

    /// Whether a record's answers to a question count in a view: its class counts there and at
    /// least the minimum of the class answered the question (`answered`: people per class).
    public func countsAnswers(of record: Record, in view: View, answeredInClass: [Class: Int]) -> Bool {
        guard let released = classOf[record], counts(released, in: view) else { return false }
        return (answeredInClass[released] ?? 0) >= minimum
    }

    /// People per class who answered, from people per record who answered.
    public func answeredPerClass(_ answered: [Record: Int]) -> [Class: Int] {
        var perClass: [Class: Int] = [:]
        for (record, count) in answered { if let released = classOf[record] { perClass[released, default: 0] += count } }
        return perClass
    }

    /// Below this many responses a result is shown with "few responses, interpret with care".
    public static let fewResponses = 30

    /// Whether a shown result rests on few responses and says so.
    public static func isFewResponses(_ count: Int) -> Bool { count < fewResponses }

    /// `2026-Q2` for `2026-05` or `2026-05-12`.
    public static func quarter(of month: String) -> String {
        let parts = month.split(separator: "-")
        guard parts.count >= 2, let number = Int(parts[1]) else { return month }
        return "\(parts[0])-Q\((number + 2) / 3)"
    }

    static func isClosed(quarter: String, firstOpenMonth: String) -> Bool {
        guard let number = Int(quarter.suffix(1)) else { return false }
        let lastMonth = number * 3
        return "\(quarter.prefix(4))-\(lastMonth < 10 ? "0" : "")\(lastMonth)" < firstOpenMonth
    }

    /// One period's records through the steps: per team with all attributes known, one attribute
    /// less at a time, then per region, then the organisation. Returns what is left.
    private static func settle(
        _ records: [Record: Int], period: Period, regionOfTeam: [String: String], threshold: Int, into classOf: inout [Record: Class]
    ) -> [Record: Int] {
        var left = records
        let attributeCount = records.keys.first?.attributes.count ?? 0
        let places: [(Record) -> Place?] = [
            { record in record.team.map(Place.team) ?? .noTeam },
            { record in record.team.flatMap { regionOfTeam[$0] }.map(Place.region) },
            { _ in .organisation },
        ]
        for placeOf in places {
            for known in stride(from: attributeCount, through: 0, by: -1) {
                var groups: [Class: [Record]] = [:]
                // Records are sorted so that every run settles the same classes.
                for record in left.keys.sorted(by: Self.order) {
                    guard let place = placeOf(record) else { continue }
                    let attributes = record.attributes.enumerated().map { $0.offset < known ? Optional($0.element) : nil }
                    groups[Class(place: place, attributes: attributes, period: period), default: []].append(record)
                }
                for (candidate, members) in groups where members.reduce(0, { $0 + (left[$1] ?? 0) }) >= threshold {
                    for record in members {
                        classOf[record] = candidate
                        left[record] = nil
                    }
                }
                if left.isEmpty { return left }
            }
        }
        return left
    }

    private static func order(_ a: Record, _ b: Record) -> Bool {
        ((a.team ?? ""), a.attributes.joined(separator: "|"), a.month) < ((b.team ?? ""), b.attributes.joined(separator: "|"), b.month)
    }
}
