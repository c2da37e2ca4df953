import Foundation
import MeedenkenCore
import Vapor

/// The query items pages understand, typed: a link or redirect is built from these cases and a
/// page reads them by the same names, so no query string is written by hand and a name cannot
/// differ between the link and the page that reads it.
enum SiteQuery: Sendable, Equatable {
    /// A form was saved; `what` says which (`password`, `language`, or `1`).
    case saved(String = "1")
    /// Planned invitations were cancelled.
    case cancelled
    /// Preview in this language.
    case language(Language)
    /// Compare with this other questionnaire (wave).
    case compareWith(UUID)
    /// Why the answering page starts empty (`OpenLinkDraft.Notice`).
    case answerNotice(String)
    /// Results: one region or team (`regio:<id>`, `team:<id>`).
    case place(String)
    /// Results: one value of a respondent attribute (`rol=ouder`).
    case attribute(name: String, value: String)
    /// Results over time: per quarter or month.
    case period(String)
    /// Where to go after logging in (a local path).
    case returnTo(String)
    /// A page of a long list (1 is the first).
    case page(Int)
    /// The audit log's filters: action, who, first and last day.
    case auditAction(String)
    case auditActor(String)
    case from(String)
    case until(String)
    /// An export's file format (`csv`, `json`, `xlsx`, `sav`): the API's name.
    case format(String)
    /// A CSV export's separator (`comma`, `semicolon`): the API's name.
    case separator(String)
    /// The panel's segment filters (`PanelSegment`), by their names in `Name.panel…`.
    case panelFilter(name: String, value: String)

    /// The names as they appear in addresses.
    enum Name {
        static let saved = "klaar"
        static let cancelled = "geannuleerd"
        static let language = "taal"
        static let compareWith = "met"
        static let answerNotice = "melding"
        static let place = "onderdeel"
        static let period = "per"
        static let returnTo = "terug"
        static let page = "pagina"
        static let auditAction = "actie"
        static let auditActor = "wie"
        static let from = "van"
        static let until = "tot"
        static let format = "format"
        static let separator = "separator"
        static let panelRole = "rol"
        static let panelAgeBand = "leeftijd"
        static let panelLanguage = "voorkeurstaal"
        static let panelTeam = "team"
        static let panelRegion = "regio"
        static let panelTopic = "onderwerp"
        static let panelWay = "manier"
        static let panelNeed = "behoefte"
        static let panelAskedBefore = "gevraagd-voor"
    }

    var item: URLQueryItem {
        switch self {
        case .saved(let what): .init(name: Name.saved, value: what)
        case .cancelled: .init(name: Name.cancelled, value: "1")
        case .language(let language): .init(name: Name.language, value: language.rawValue)
        case .compareWith(let id): .init(name: Name.compareWith, value: id.uuidString)
        case .answerNotice(let notice): .init(name: Name.answerNotice, value: notice)
        case .place(let place): .init(name: Name.place, value: place)
        case .attribute(let name, let value): .init(name: name, value: value)
        case .period(let period): .init(name: Name.period, value: period)
        case .returnTo(let path): .init(name: Name.returnTo, value: path)
        case .page(let page): .init(name: Name.page, value: String(page))
        case .auditAction(let action): .init(name: Name.auditAction, value: action)
        case .auditActor(let actor): .init(name: Name.auditActor, value: actor)
        case .from(let day): .init(name: Name.from, value: day)
        case .until(let day): .init(name: Name.until, value: day)
        case .format(let format): .init(name: Name.format, value: format)
        case .separator(let separator): .init(name: Name.separator, value: separator)
        case .panelFilter(let name, let value): .init(name: name, value: value)
        }
    }

    /// `a=1&b=2`, percent-encoded; empty for no items.
    static func encoded(_ items: [SiteQuery]) -> String {
        guard !items.isEmpty else { return "" }
        var components = URLComponents()
        components.queryItems = items.map(\.item)
        // `+` is a space in a form-encoded query; encode it so it reads back as itself.
        return (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
    }
}

extension SiteRoute {
    /// The link to this page with query items.
    func path(_ items: [SiteQuery]) -> String {
        let query = SiteQuery.encoded(items)
        return query.isEmpty ? path : path + "?" + query
    }

    func path(_ items: SiteQuery...) -> String { path(items) }
}

extension Request {
    /// Whether a redirect marked the page as saved (`SiteQuery.saved`).
    var querySaved: String? { query[String.self, at: SiteQuery.Name.saved] }
}
