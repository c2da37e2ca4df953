import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Logging in with password and second factor")
struct LoginTests {
    @Test(arguments: TestDatabase.all)
    func aCouncilMemberWithoutSecondFactorGoesStraightToTheWorkspace(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            let response = try await browser.post(SiteRoute.login.path, [("email", user.email.uppercased()), ("password", fixturePassword)])
            #expect(response.status == .seeOther)
            #expect(response.location == SiteRoute.staffHome.path)
            let home = try await browser.get(SiteRoute.staffHome.path)
            #expect(home.status == .ok)
            #expect(home.text.contains("Hallo Test council_member"))
            #expect(try await auditActions(app).contains(.loginSucceeded))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aWrongPasswordAndAnUnknownAddressGetTheSameAnswer(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .coordinator)
            let browser = Browser(app)
            let wrongPassword = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", "niet het goede wachtwoord")])
            let unknown = try await browser.post(SiteRoute.login.path, [("email", "niemand@test.nl"), ("password", "niet het goede wachtwoord")])
            #expect(wrongPassword.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            let message = "Het e-mailadres of het wachtwoord klopt niet."
            #expect(wrongPassword.text.contains(message) && unknown.text.contains(message))
            #expect(wrongPassword.text.contains("value=\"\(user.email)\""), "the e-mail address typed is kept")
            #expect(try await auditActions(app).filter { $0 == .loginFailed }.count == 2)
            #expect(browser.cookies[app.config.cookieNames.session] == nil)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aRoleWithPersonalDataMustSetUpTwoStepVerificationBeforeAnythingElse(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .administrator, secondFactor: false)
            let browser = Browser(app)
            let login = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(login.location == SiteRoute.twoFactorEnrolment.path)
            // Half signed in: staff pages send back to the set-up.
            let users = try await browser.get(SiteRoute.users.path)
            #expect(users.status == .seeOther && users.location == SiteRoute.twoFactorEnrolment.path)

            let enrolment = try await browser.get(SiteRoute.twoFactorEnrolment.path)
            let uri = try #require(enrolment.firstMatch("<code id=\"totp-uri\">([^<]+)</code>"))
            #expect(uri.hasPrefix("otpauth://totp/"))
            let secretText = try #require(uri.components(separatedBy: "secret=").last?.components(separatedBy: "&").first)
            let secret = try #require(Base32.decode(secretText))

            let wrong = try await browser.post(SiteRoute.twoFactorEnrolment.path, [("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            let done = try await browser.post(SiteRoute.twoFactorEnrolment.path, [("code", currentCode(app, secret: secret))])
            #expect(done.status == .ok)
            #expect(done.text.components(separatedBy: "<li><code>").count - 1 == 10, "ten recovery codes are shown once")
            #expect(try await browser.get(SiteRoute.users.path).status == .ok)
            let stored = try #require(try await StaffUser.find(user.requireID(), on: app.db))
            #expect(stored.totpSecret == Base32.encode(secret))
            #expect(try await RecoveryCode.query(on: app.db).filter(\.$user.$id == user.requireID()).count() == 10)
            #expect(try await auditActions(app).contains(.secondFactorEnrolled))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCodeWorksOnceAndARecoveryCodeWorksOnce(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .researcher)
            let codes = RecoveryCodes.generate()
            try await SecondFactor.replaceRecoveryCodes(of: user.requireID(), with: codes, sealing: app.secretSealing, on: app.db)

            let first = Browser(app)
            try await first.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let code = currentCode(app)
            #expect(try await first.post(SiteRoute.loginCode.path, [("code", code)]).location == SiteRoute.staffHome.path)

            let second = Browser(app)
            try await second.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let replay = try await second.post(SiteRoute.loginCode.path, [("code", code)])
            #expect(replay.status == .unauthorized, "the same code must not work twice")
            let recovery = try await second.post(SiteRoute.loginCode.path, [("code", codes[0].lowercased())])
            #expect(recovery.location == SiteRoute.staffHome.path)

            let third = Browser(app)
            clock.advance(by: 60)
            try await third.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(try await third.post(SiteRoute.loginCode.path, [("code", codes[0])]).status == .unauthorized)
            #expect(try await auditActions(app).contains(.recoveryCodeUsed))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aDisabledAccountCannotLogIn(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            user.isDisabled = true
            try await user.save(on: app.db)
            let response = try await Browser(app).post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(response.status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func loggingOutEndsTheSessionInTheDatabase(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .teamManager, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            #expect(try await StaffSession.query(on: app.db).count() == 1)
            let response = try await browser.post(SiteRoute.logout.path)
            #expect(response.location == SiteRoute.home.path)
            #expect(try await StaffSession.query(on: app.db).count() == 0)
            #expect(try await browser.get(SiteRoute.staffHome.path).status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func afterLoginTheStaffMemberReturnsToThePageTheyAskedFor(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            let redirect = try await browser.get(SiteRoute.account.path)
            #expect(redirect.location == "/inloggen?terug=/account")
            let page = try await browser.get(try #require(redirect.location))
            #expect(page.text.contains("name=\"terug\" value=\"/account\""))
            let login = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword), ("terug", "/account")])
            #expect(login.location == "/account")
            let evil = try await Browser(app).post(
                SiteRoute.login.path, [("email", user.email), ("password", fixturePassword), ("terug", "https://evil.example")])
            #expect(evil.location == SiteRoute.staffHome.path)
        }
    }
}
