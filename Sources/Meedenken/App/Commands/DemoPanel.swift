import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

extension DemoOrganisation {
    /// Made-up panel members (addresses at example.org, which never receive mail), so the panel
    /// page has people, a segment to filter and months of joiners to show.
    static func addPanel(_ app: Application, now: Date) async throws {
        let teams = try await Team.query(on: app.db).sort(\.$name).all()
        let names = ["Amira", "Bas", "Chantal", "Daan", "Esra", "Finn", "Gwen", "Hamza", "Iris", "Jesse", "Kiki", "Lucas", "Mila", "Noah"]
        let store = try Store(app.db, for: "demo panel")
        for (index, name) in names.enumerated() {
            let member = PanelMember()
            let email = "\(name.lowercased())@example.org"
            let role: PanelRole = index % 3 == 0 ? .youth : (index % 3 == 1 ? .parent : .fosterParent)
            let joined = now.addingTimeInterval(-Double(index * 20) * 86_400)
            member.firstName = name
            member.email = email
            member.emailHash = PanelMember.hash(email: email)
            member.role = role.rawValue
            member.birthYear = role == .youth ? Int(app.calendar.day(now).prefix(4)).map { $0 - 14 - index / 3 } : nil
            member.language = index % 5 == 4 ? "en" : "nl"
            member.ways = index % 2 == 0 ? "panel,mirror_meeting" : "panel"
            member.topics = [Theme.defaults[index % Theme.defaults.count].key, "informatie"].joined(separator: ",")
            let team = teams.isEmpty ? nil : teams[index % teams.count]
            member.teamID = team?.id
            member.regionID = team?.$region.id
            member.needs = index % 4 == 0 ? "online" : ""
            member.status = index == 6 ? .paused : .active
            member.consentRule = "own"
            member.source = .themselves
            member.createdAt = joined
            member.confirmedAt = joined
            member.consentExpiresAt = joined.addingTimeInterval(2 * 365 * 86_400)
            member.updatedAt = joined
            try await member.create(on: app.db)
            try await PanelConsent(
                memberID: try member.requireID(), givenBy: .member, textVersion: PanelMembership.consentTextVersion, agreedAt: joined,
                expiresAt: joined.addingTimeInterval(2 * 365 * 86_400)
            ).create(on: app.db)
            try await store.countPanelMonth(app.calendar.month(joined), joined: 1)
        }
    }
}
