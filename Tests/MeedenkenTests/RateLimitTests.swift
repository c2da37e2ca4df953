import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Rate limits")
struct RateLimitTests {
    @Test(arguments: TestDatabase.all)
    func theEleventhLoginAttemptOnOneAccountIsRefusedUntilTheWindowPasses(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            for attempt in 1...10 {
                let browser = Browser(app)
                browser.remoteAddress = "192.0.2.\(attempt)"
                let response = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", "geraden wachtwoord \(attempt)")])
                #expect(response.status == .unauthorized)
            }
            let blocked = Browser(app)
            blocked.remoteAddress = "198.51.100.7"
            let refused = try await blocked.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(refused.status == .tooManyRequests, "even the right password waits")
            #expect(refused.text.contains("Je hebt het te vaak geprobeerd"))
            #expect(refused.headers.first(name: "Retry-After") == "900")
            #expect(refused.text.contains("value=\"\(user.email)\""), "what was typed is kept")
            #expect(try await auditActions(app).contains(.loginRateLimited))

            clock.advance(by: 15 * 60)
            let later = try await blocked.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(later.status == .seeOther)
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneAddressTryingManyAccountsIsLimitedToo(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ADDRESS": "5"]) { app, _ in
            let browser = Browser(app)
            browser.remoteAddress = "203.0.113.9"
            for attempt in 1...5 {
                let response = try await browser.post(SiteRoute.login.path, [("email", "persoon\(attempt)@test.nl"), ("password", "wachtwoord wachtwoord")])
                #expect(response.status == .unauthorized)
            }
            let sixth = try await browser.post(SiteRoute.login.path, [("email", "persoon6@test.nl"), ("password", "wachtwoord wachtwoord")])
            #expect(sixth.status == .tooManyRequests)
            let elsewhere = Browser(app)
            elsewhere.remoteAddress = "203.0.113.10"
            #expect(
                try await elsewhere.post(SiteRoute.login.path, [("email", "persoon6@test.nl"), ("password", "wachtwoord wachtwoord")]).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabase.all)
    func guessingSecondFactorCodesIsLimited(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ACCOUNT": "3"]) { app, _ in
            let user = try await makeUser(app, role: .researcher)
            let browser = Browser(app)
            try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            for guess in ["111111", "222222", "333333"] {
                #expect(try await browser.post(SiteRoute.loginCode.path, [("code", guess)]).status == .unauthorized)
            }
            let blocked = try await browser.post(SiteRoute.loginCode.path, [("code", currentCode(app))])
            #expect(blocked.status == .tooManyRequests)
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneAddressGuessingCodesForManyAccountsIsLimited(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ADDRESS": "6"]) { app, _ in
            // Three accounts from one address, two wrong codes each: six code guesses in all,
            // well within each account's own limit of ten.
            var browsers: [Browser] = []
            for _ in 1...3 {
                let user = try await makeUser(app, role: .researcher)
                let browser = Browser(app)
                browser.remoteAddress = "203.0.113.50"
                try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
                for guess in ["000001", "000002"] {
                    #expect(try await browser.post(SiteRoute.loginCode.path, [("code", guess)]).status == .unauthorized)
                }
                browsers.append(browser)
            }
            let seventh = try await browsers[2].post(SiteRoute.loginCode.path, [("code", currentCode(app))])
            #expect(seventh.status == .tooManyRequests, "the address has used up its guesses")
        }
    }

    @Test(arguments: TestDatabase.all)
    func guessingSetupLinksIsLimitedPerAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            for attempt in 1...30 {
                #expect(try await browser.get("/activeren/gok\(attempt)").status == .notFound)
            }
            let response = try await browser.get("/activeren/gok31")
            #expect(response.status == .tooManyRequests)
            #expect(response.text.contains("Je hebt het te vaak geprobeerd"))
        }
    }
}

/// Two instances of Meedenken on one PostgreSQL database: nothing that matters lives in memory.
@Suite("Two instances on one PostgreSQL")
struct TwoInstanceTests {
    @Test(.enabled(if: TestDatabase.all.contains(.postgres)))
    func aSessionStartedOnOneInstanceWorksOnTheOtherAndLimitsAreShared() async throws {
        try await TestGate.postgres.run { try await twoInstances() }
    }

    private func twoInstances() async throws {
        let (setting, drop) = try await TestDatabase.postgres.provision()
        let clock = TestClock()
        do {
            try await withConfiguredApp(setting: setting, clock: clock, migrate: true) { first in
                try await withConfiguredApp(setting: setting, clock: clock, migrate: false) { second in
                    let user = try await makeUser(first, role: .coordinator)
                    let onFirst = Browser(first)
                    try await logIn(onFirst, as: user)
                    let onSecond = Browser(second)
                    for (name, value) in onFirst.cookies { onSecond.setCookie(name, value) }
                    let home = try await onSecond.get(SiteRoute.staffHome.path)
                    #expect(home.status == .ok)
                    #expect(home.text.contains("Hallo Test coordinator"))

                    // Five failures on each instance: the eleventh attempt is refused on either.
                    for attempt in 1...10 {
                        let app = attempt.isMultiple(of: 2) ? first : second
                        let browser = Browser(app)
                        browser.remoteAddress = "192.0.2.\(attempt)"
                        _ = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", "fout \(attempt) fout fout")])
                    }
                    let refused = try await Browser(second).post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
                    #expect(refused.status == .tooManyRequests)

                    // Logging out on the second ends the session for the first too.
                    try await onSecond.post(SiteRoute.logout.path)
                    #expect(try await onFirst.get(SiteRoute.staffHome.path).status == .seeOther)
                }
            }
        } catch {
            await drop()
            throw error
        }
        await drop()
    }
}
