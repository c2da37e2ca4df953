import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("The demo and the staff start page")
struct DemoAndHomeTests {
    @Test func theDemoFillsTheHelpLinksAndAPrivacyStatement() async throws {
        try await withMeedenken(.sqlite) { app, clock in
            try await DemoOrganisation.fill(app.db, hashing: app.passwordHashing, pool: app.threadPool, organisationName: "Jeugdzorg Demo", now: clock.now)
            let settings = try #require(try await OrganisationSettings.query(on: app.db).first())
            #expect(settings.contactURL != nil && settings.complaintsURL != nil && settings.confidentialAdviserURL != nil)
            #expect(!settings.privacyStatement.isEmpty)
            #expect(settings.name == "Jeugdzorg Demo")
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlySomeoneWhoUsedTheirRecoveryCodesIsToldTheyRunLow(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let fresh = try await makeUser(app, role: .coordinator)
            #expect(!(try await signedInBrowser(app, as: fresh).get(SiteRoute.staffHome.path)).text.contains("bijna geen herstelcodes"))
            let user = try await makeUser(app, role: .coordinator)
            for index in 0..<10 {
                let code = RecoveryCode(userID: try user.requireID(), codeHash: "hash-\(index)")
                if index < 8 { code.usedAt = clock.now }
                try await code.create(on: app.db)
            }
            #expect(try await signedInBrowser(app, as: user).get(SiteRoute.staffHome.path).text.contains("bijna geen herstelcodes"))
        }
    }
}
