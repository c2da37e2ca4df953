import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

extension PanelSegment {
    /// The segment in a panel page's address (or a send form's fields); unknown values are left out.
    init(_ value: (String) -> String?) {
        self.init(
            role: value(SiteQuery.Name.panelRole).flatMap(PanelRole.init(rawValue:)),
            ageBand: value(SiteQuery.Name.panelAgeBand).flatMap(PanelAgeBand.init(rawValue:)),
            language: value(SiteQuery.Name.panelLanguage).flatMap(Language.init(rawValue:)),
            teamID: value(SiteQuery.Name.panelTeam).flatMap(UUID.init(uuidString:)),
            regionID: value(SiteQuery.Name.panelRegion).flatMap(UUID.init(uuidString:)),
            topic: value(SiteQuery.Name.panelTopic).flatMap { key in Theme.defaults.contains { $0.key == key } ? key : nil },
            way: value(SiteQuery.Name.panelWay).flatMap(WayToJoin.init(rawValue:)),
            need: value(SiteQuery.Name.panelNeed).flatMap(ParticipationNeed.init(rawValue:)),
            lastAskedBefore: value(SiteQuery.Name.panelAskedBefore).flatMap { CalendarDay($0) == nil ? nil : $0 })
    }

    init(query req: Request) { self.init { req.query[String.self, at: $0] } }

    /// The segment as query items, for links and for the send form's hidden fields.
    var queryItems: [SiteQuery] {
        var items: [SiteQuery] = []
        func add(_ name: String, _ value: String?) { if let value { items.append(.panelFilter(name: name, value: value)) } }
        add(SiteQuery.Name.panelRole, role?.rawValue)
        add(SiteQuery.Name.panelAgeBand, ageBand?.rawValue)
        add(SiteQuery.Name.panelLanguage, language?.rawValue)
        add(SiteQuery.Name.panelTeam, teamID?.uuidString)
        add(SiteQuery.Name.panelRegion, regionID?.uuidString)
        add(SiteQuery.Name.panelTopic, topic)
        add(SiteQuery.Name.panelWay, way?.rawValue)
        add(SiteQuery.Name.panelNeed, need?.rawValue)
        add(SiteQuery.Name.panelAskedBefore, lastAskedBefore)
        return items
    }
}

extension PanelMember {
    /// What a segment looks at, on `today` (`YYYY-MM-DD`).
    func profile(today: String, calendar: OrganisationCalendar) -> PanelSegment.Profile {
        PanelSegment.Profile(
            role: PanelRole(rawValue: role), ageBand: PanelAgeBand.of(birthYear: birthYear, today: today), language: Language(rawValue: language),
            teamID: teamID, regionID: regionID, topics: topicList, ways: wayList, needs: needList, lastAskedOn: lastAskedAt.map(calendar.day))
    }
}

extension PanelCandidate {
    /// What a segment looks at, on `today` (`YYYY-MM-DD`).
    func profile(today: String, calendar: OrganisationCalendar) -> PanelSegment.Profile {
        PanelSegment.Profile(
            role: PanelRole(rawValue: role), ageBand: PanelAgeBand.of(birthYear: birthYear, today: today), language: Language(rawValue: language),
            teamID: teamID, regionID: regionID, topics: topics.split(separator: ",").map(String.init),
            ways: ways.split(separator: ",").compactMap { WayToJoin(rawValue: String($0)) },
            needs: needs.split(separator: ",").compactMap { ParticipationNeed(rawValue: String($0)) }, lastAskedOn: lastAskedAt.map(calendar.day))
    }
}

/// The confirmed members of a segment (paused ones included: the list shows them; sending
/// leaves them out).
struct PanelRoster {
    let database: any Database
    let today: String
    let calendar: OrganisationCalendar

    func members(in segment: PanelSegment) async throws -> [PanelMember] {
        try await PanelMember.query(on: database).filter(\.$status ~~ [.active, .paused]).sort(\.$firstName).all()
            .filter { segment.matches($0.profile(today: today, calendar: calendar)) }
    }
}

extension Request {
    var panelRoster: PanelRoster { PanelRoster(database: db, today: today, calendar: application.calendar) }
}
