import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Sessions and cookies")
struct SessionTests {
    @Test(arguments: TestDatabase.all)
    func sessionCookiesAreHttpOnlyAndSameSiteLaxOnPlainLocalHTTP(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let response = try await Browser(app).post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("meedenken-session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "plain http on loopback only")
        }
    }

    @Test(arguments: TestDatabase.all)
    func overHTTPSCookiesAreSecureAndHostPrefixed(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_PUBLIC_URL": "https://meedenken.example.nl"]) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            browser.origin = "https://meedenken.example.nl"
            let response = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("__Host-meedenken-session=") })
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(!cookie.lowercased().contains("domain="))
            #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=31536000") == true)
        }
    }

    @Test(arguments: TestDatabase.all)
    func anIdleSessionEndsAfterThirtyMinutes(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            clock.advance(by: 29 * 60)
            #expect(try await browser.get(SiteRoute.staffHome.path).status == .ok, "activity keeps the session alive")
            clock.advance(by: 29 * 60)
            #expect(try await browser.get(SiteRoute.staffHome.path).status == .ok)
            clock.advance(by: 31 * 60)
            let expired = try await browser.get(SiteRoute.staffHome.path)
            #expect(expired.status == .seeOther)
            #expect(try await StaffSession.query(on: app.db).count() == 0)
            #expect(try await auditActions(app).contains(.sessionExpired))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSessionEndsAfterItsAbsoluteLifetimeEvenWhenActive(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_SESSION_ABSOLUTE_HOURS": "2"]) { app, clock in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            for _ in 0..<7 {
                clock.advance(by: 15 * 60)
                #expect(try await browser.get(SiteRoute.staffHome.path).status == .ok)
            }
            clock.advance(by: 20 * 60)
            #expect(try await browser.get(SiteRoute.staffHome.path).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLoginPageSaysWhenASessionRanOut(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            clock.advance(by: 31 * 60)
            let page = try await browser.get(SiteRoute.login.path)
            #expect(page.text.contains("Je was een tijd niet actief. Log opnieuw in."))
        }
    }

    @Test(arguments: TestDatabase.all)
    func disablingAUserEndsAllTheirSessions(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let member = try await makeUser(app, role: .councilMember, secondFactor: false)
            let memberBrowser = Browser(app)
            try await logIn(memberBrowser, as: member)
            let adminBrowser = Browser(app)
            try await logIn(adminBrowser, as: admin)
            let response = try await adminBrowser.post(
                SiteRoute.user(id: try member.requireID()).path,
                [("displayName", member.displayName), ("email", member.email), ("role", member.role.rawValue), ("language", "nl"), ("disabled", "on")])
            #expect(response.status == .seeOther)
            #expect(try await memberBrowser.get(SiteRoute.staffHome.path).status == .seeOther)
            #expect(try await StaffSession.query(on: app.db).filter(\.$user.$id == member.requireID()).count() == 0)
            #expect(try await auditActions(app).contains(.userDisabled))
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingThePasswordEndsOtherSessionsAndNeedsTheCurrentPassword(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let laptop = Browser(app)
            let phone = Browser(app)
            try await logIn(laptop, as: user)
            try await logIn(phone, as: user)
            let wrong = try await laptop.post(
                SiteRoute.accountPassword.path,
                [("currentPassword", "fout fout fout"), ("newPassword", "een nieuw lang wachtwoord"), ("newPasswordRepeat", "een nieuw lang wachtwoord")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Je huidige wachtwoord klopt niet."))
            let short = try await laptop.post(
                SiteRoute.accountPassword.path, [("currentPassword", fixturePassword), ("newPassword", "kort"), ("newPasswordRepeat", "kort")])
            #expect(short.text.contains("Het wachtwoord is te kort. Gebruik minstens 12 tekens."))
            let done = try await laptop.post(
                SiteRoute.accountPassword.path,
                [("currentPassword", fixturePassword), ("newPassword", "een nieuw lang wachtwoord"), ("newPasswordRepeat", "een nieuw lang wachtwoord")])
            #expect(done.status == .seeOther)
            #expect(try await laptop.get(SiteRoute.staffHome.path).status == .ok, "this browser stays signed in")
            #expect(try await phone.get(SiteRoute.staffHome.path).status == .seeOther, "the other session ended")
            let again = Browser(app)
            try await logIn(again, as: user, password: "een nieuw lang wachtwoord")
            #expect(try await auditActions(app).contains(.passwordChanged))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aNewAuthenticatorNeedsThePasswordAndEndsOtherSessions(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .coordinator)
            let laptop = Browser(app)
            let phone = Browser(app)
            try await logIn(laptop, as: user)
            clock.advance(by: 30)  // a TOTP code works once: the phone needs the next one
            try await logIn(phone, as: user)
            let refused = try await laptop.post(SiteRoute.accountTwoFactor.path, [("currentPassword", "verkeerd wachtwoord"), ("action", "reset")])
            #expect(refused.status == .unprocessableEntity)
            let reset = try await laptop.post(SiteRoute.accountTwoFactor.path, [("currentPassword", fixturePassword), ("action", "reset")])
            #expect(reset.location == SiteRoute.twoFactorEnrolment.path)
            #expect(try await phone.get(SiteRoute.staffHome.path).status == .seeOther)
            #expect(try await laptop.get(SiteRoute.staffHome.path).location == SiteRoute.twoFactorEnrolment.path)
            let stored = try #require(try await StaffUser.find(user.requireID(), on: app.db))
            #expect(stored.totpSecret == nil)
        }
    }
}
