import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

extension ResultDimension {
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

extension ResultPlaceFilter {
    /// What `onderdeel` may hold (the API refuses an empty one; the results page reads it as "all").
    static let parameterValues = QueryValues.pattern("^(regio|team):[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
}

/// Unknown values are kept as problems (shown in the user's language) rather than silently dropped.
extension ResultFilter {
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
