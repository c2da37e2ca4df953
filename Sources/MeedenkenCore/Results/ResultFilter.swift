import Foundation

/// The respondent attributes results can be filtered or broken down on, in the order the cube
/// knows them.
public enum ResultDimension: String, CaseIterable, Sendable {
    case role
    case ageBand = "age_band"
    case language
    case channel
    case quarter
    /// Only a breakdown ("over time, by month"), never a filter: its cube nests months in
    /// quarters, which a month filter beside the quarter filter would not.
    case month

    /// What a view can be filtered on.
    public static let filters: [ResultDimension] = [.role, .ageBand, .language, .channel, .quarter]

    /// The query parameter (Dutch, like the other addresses).
    public var parameter: String {
        switch self {
        case .role: "rol"
        case .ageBand: "leeftijd"
        case .language: "taal"
        case .channel: "kanaal"
        case .quarter: "kwartaal"
        case .month: "maand"
        }
    }
}

/// Which part of the organisation a view is about: everything (or a team manager's own teams),
/// one region, or one team.
public enum ResultPlaceFilter: Hashable, Sendable {
    case all
    case region(UUID)
    case team(UUID)

    public init?(parameter: String?) {
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

    public var parameter: String {
        switch self {
        case .all: ""
        case .region(let id): "regio:\(id.uuidString)"
        case .team(let id): "team:\(id.uuidString)"
        }
    }
}

/// A results view's filters as asked for in the address (read there by the web target, which
/// keeps unknown values as problems, shown in the user's language, rather than dropping them).
public struct ResultFilter: Sendable, Equatable {
    public var place: ResultPlaceFilter = .all
    /// The chosen value per filtered dimension; a dimension without a value is not filtered.
    public var values: [ResultDimension: String] = [:]

    public init(place: ResultPlaceFilter = .all, values: [ResultDimension: String] = [:]) {
        self.place = place
        self.values = values
    }

    /// Dimensions in use, in the fixed order.
    public var activeDimensions: [ResultDimension] { ResultDimension.filters.filter { values[$0] != nil } }
}
