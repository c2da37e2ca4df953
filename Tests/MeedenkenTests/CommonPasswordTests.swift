import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Issue 12 #14: passwords from breach lists are refused wherever a password is set.
@Suite("Common passwords")
struct CommonPasswordTests {
    @Test func theShippedListIsLoadedAtStartAndHoldsTheUsualSuspects() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let common = app.commonPasswords
            #expect(common.count > 10_000)
            for password in ["password1234", "qwertyuiop[]", "Welkom2024!", "Wachtwoord12345", "123meedenken456", "iloveyou1234567"] {
                #expect(common.contains(password), "\(password)")
            }
            #expect(!common.contains(fixturePassword))
        }
    }

    @Test(arguments: TestDatabase.all)
    func changingToACommonPasswordIsRefusedInTheUsersLanguage(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let dutch = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: dutch)
            let refused = try await browser.post(
                SiteRoute.accountPassword.path,
                [("currentPassword", fixturePassword), ("newPassword", "Wachtwoord2024!"), ("newPasswordRepeat", "Wachtwoord2024!")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Dit wachtwoord wordt heel vaak gebruikt"))
            #expect(try await StaffUser.find(dutch.id, on: app.db)?.passwordHash == dutch.passwordHash, "nothing changed")

            let english = try await makeUser(app, role: .councilMember, secondFactor: false, language: .english)
            let other = Browser(app)
            try await logIn(other, as: english)
            let alsoRefused = try await other.post(
                SiteRoute.accountPassword.path,
                [("currentPassword", fixturePassword), ("newPassword", "password123456"), ("newPasswordRepeat", "password123456")])
            #expect(alsoRefused.status == .unprocessableEntity && alsoRefused.text.contains("This password is used very often"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anActivationLinkRefusesACommonPasswordAndKeepsTheLinkWorking(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let created = try await browser.post(
                SiteRoute.newUser.path, [("displayName", "Sem Bakker"), ("email", "sem@test.nl"), ("role", "council_member"), ("language", "nl")])
            let link = try #require(created.firstMatch("<code id=\"activation-link\">http://127.0.0.1:8080([^<]+)</code>"))
            let colleague = Browser(app)
            let refused = try await colleague.post(link, [("password", "qwertyuiop123"), ("passwordRepeat", "qwertyuiop123")])
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Dit wachtwoord wordt heel vaak gebruikt"))
            #expect(try await StaffUser.query(on: app.db).filter(\.$email == "sem@test.nl").first()?.passwordHash == nil)
            let done = try await colleague.post(link, [("password", "drie bomen aan de Vecht"), ("passwordRepeat", "drie bomen aan de Vecht")])
            #expect(done.status == .seeOther)
        }
    }
}
