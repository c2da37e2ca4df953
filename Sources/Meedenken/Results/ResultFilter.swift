import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The respondent attributes results can be filtered or broken down on, in the order the cube
/// knows them.
enum ResultDimension: String, CaseIterable, Sendable {
    case role
    case ageBand = "age_band"
    case language
    case channel
    case quarter
    /// Only a breakdown ("over time, by month"), never a filter: its cube nests months in
    /// quarters, which a month filter beside the quarter filter would not.
    case month

    /// What a view can be filtered on.
    static let filters: [ResultDimension] = [.role, .ageBand, .language, .channel, .quarter]

    /// The query parameter (Dutch, like the other addresses).
    var parameter: String {
        switch self {
        case .role: "rol"
        case .ageBand: "leeftijd"
        case .language: "taal"
        case .channel: "kanaal"
        case .quarter: "kwartaal"
        case .month: "maand"
        }
    }

    /// The values a filter on this dimension takes: the closed vocabularies the responses are
    /// stored with. The results page and the API (its document and its check) both use this.
    var filterValues: QueryValues {
        switch self {
        case .role: .cases(of: QuestionnaireDefinition.Audience.self)
        // "-": responses whose age band is not known (open links, paper).
        case .ageBand: .oneOf(InvitationPlan.AgeBand.allCases.map(\.rawValue) + ["-"])
        case .language: .cases(of: Language.self)
        case .channel: .cases(of: ResponseChannel.self)
        case .quarter: .pattern("^[0-9]{4}-Q[1-4]$")
        case .month: .pattern("^[0-9]{4}-(0[1-9]|1[0-2])$")
        }
    }

    /// A value as people read it.
    func label(_ value: String, _ text: ResultsText) -> String {
        switch self {
        case .role: text.t("questionnaire.audience.\(value)")
        case .ageBand: value == "-" ? text.t("results.ageBand.unknown") : value
        case .language: Language(rawValue: value)?.nativeName ?? value
        case .channel: text.t("results.channel.\(value)")
        case .quarter: value.replacingOccurrences(of: "-Q", with: " " + text.t("results.quarterShort"))
        case .month:
            if let month = Int(value.dropFirst(5)), (1...12).contains(month) {
                text.t("results.month.\(month)") + " " + value.prefix(4)
            } else {
                value
            }
        }
    }
}

/// Which part of the organisation a view is about: everything (or a team manager's own teams),
/// one region, or one team.
enum ResultPlaceFilter: Hashable, Sendable {
    case all
    case region(UUID)
    case team(UUID)

    init?(parameter: String?) {
        guard let parameter, !parameter.isEmpty else {
            self = .all
            return
        }
        if parameter.hasPrefix("regio:"), let id = UUID(uuidString: String(parameter.dropFirst(6))) {
            self = .region(id)
        } else if parameter.hasPrefix("team:"), let id = UUID(uuidString: String(parameter.dropFirst(5))) {
            self = .team(id)
        } else {
            return nil
        }
    }

    /// What `onderdeel` may hold (the API refuses an empty one; the results page reads it as "all").
    static let parameterValues = QueryValues.pattern("^(regio|team):[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")

    var parameter: String {
        switch self {
        case .all: ""
        case .region(let id): "regio:\(id.uuidString)"
        case .team(let id): "team:\(id.uuidString)"
        }
    }
}

/// A results view's filters as asked for in the address. Unknown values are kept as problems
/// (shown in the user's language) rather than silently dropped.
struct ResultFilter: Sendable, Equatable {
    var place: ResultPlaceFilter = .all
    /// The chosen value per filtered dimension; a dimension without a value is not filtered.
    var values: [ResultDimension: String] = [:]

    /// Dimensions in use, in the fixed order.
    var activeDimensions: [ResultDimension] { ResultDimension.filters.filter { values[$0] != nil } }

    static func from(_ req: Request) -> (filter: ResultFilter, problems: [String]) {
        var filter = ResultFilter()
        var problems: [String] = []
        if let place = ResultPlaceFilter(parameter: req.query[String.self, at: SiteQuery.Name.place]) {
            filter.place = place
        } else {
            problems.append("results.error.unknownPlace")
        }
        for dimension in ResultDimension.filters {
            guard let raw = req.query[String.self, at: dimension.parameter]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { continue }
            // Anything outside the vocabulary cannot match a stored attribute: say so rather than show nothing.
            guard dimension.filterValues.accepts(raw) else {
                problems.append("results.error.unknownValue")
                continue
            }
            filter.values[dimension] = raw
        }
        return (filter, problems)
    }

    /// The query items for this filter, for links that keep it.
    var queryItems: [SiteQuery] {
        var items: [SiteQuery] = []
        if place != .all { items.append(.place(place.parameter)) }
        for dimension in activeDimensions {
            if let value = values[dimension] { items.append(.attribute(name: dimension.parameter, value: value)) }
        }
        return items
    }
}
