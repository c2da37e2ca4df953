import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("CSRF, headers and bad input")
struct WebSafetyTests {
    @Test(arguments: TestDatabase.all)
    func aLoginWithoutTokenReshowsTheFormWithTheAddressKept(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await browser.get(SiteRoute.login.path)
            let response = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword), ("_csrf", "verlopen")])
            #expect(response.status == .ok)
            #expect(response.text.contains("Het formulier was verlopen."))
            #expect(response.text.contains("value=\"\(user.email)\""))
            #expect(browser.cookies[app.config.cookieNames.session] == nil, "no session was started")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aStaleAdminFormKeepsEverythingEntered(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let response = try await browser.post(
                SiteRoute.newUser.path, [("displayName", "Fatima el Amrani"), ("email", "fatima@test.nl"), ("role", "researcher"), ("_csrf", "oud")])
            #expect(response.text.contains("Het formulier was verlopen."))
            #expect(response.text.contains("value=\"Fatima el Amrani\""))
            #expect(response.text.contains("value=\"fatima@test.nl\""))
            #expect(response.text.contains("<option value=\"researcher\" selected>"))
            #expect(try await StaffUser.query(on: app.db).filter(\.$email == "fatima@test.nl").count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFormPostFromAnotherSiteIsRefused(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            try await logIn(browser, as: user)
            browser.origin = "https://evil.example"
            let response = try await browser.post(SiteRoute.logout.path)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Dit formulier was verlopen"))
            browser.origin = nil
            #expect(try await browser.get(SiteRoute.staffHome.path).status == .ok, "still signed in")
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyResponseCarriesTheSecurityHeaders(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            for path in [SiteRoute.home.path, "/bestaat-niet", SiteRoute.healthz.path, "/css/meedenken.css"] {
                let response = try await browser.get(path)
                let csp = try #require(response.headers.first(name: "Content-Security-Policy"), "\(path)")
                #expect(csp.contains("frame-ancestors 'none'"))
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer")
                #expect(response.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS on plain local http")
            }
            let page = try await browser.get(SiteRoute.home.path)
            #expect(!page.text.contains("<script>") && !page.text.contains("style=\""), "no inline script or style")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnknownPageGetsAHelpfulNotFoundPageInTheVisitorsLanguage(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            let dutch = try await browser.get("/bestaat-niet")
            #expect(dutch.status == .notFound)
            #expect(dutch.text.contains("Pagina niet gevonden") && dutch.text.contains("Naar de startpagina"))
            try await browser.post(SiteRoute.languageSwitch.path, [("language", "en"), ("terug", "/")])
            let english = try await browser.get("/bestaat-niet")
            #expect(english.text.contains("Page not found") && english.text.contains("lang=\"en\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func anOversizedFormGetsA413PageNotA500(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app, transport: .running(hostname: "127.0.0.1", port: 0))
            try await browser.get(SiteRoute.login.path)
            let huge = String(repeating: "a", count: 200_000)
            let response = try await browser.post(SiteRoute.login.path, [("email", huge), ("password", "x")])
            #expect(response.status == .payloadTooLarge)
            #expect(response.text.contains("Wat je stuurde is te groot"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func malformedInputGetsAClearFourHundredNeverAFiveHundred(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let token = try #require(browser.csrfToken)
            let cases: [(HTTPMethod, String, String?, String?)] = [
                (.POST, SiteRoute.login.path, "{\"email\": [1,2,3]}", "application/json"),
                (.POST, SiteRoute.newUser.path, "_csrf=\(token)&teams=%ZZ&displayName=\u{0}", "application/x-www-form-urlencoded"),
                (
                    .POST, SiteRoute.newUser.path, "_csrf=\(token)&teams[]=not-a-uuid&displayName=A&email=a@b.nl&role=coordinator",
                    "application/x-www-form-urlencoded"
                ),
                (.POST, SiteRoute.settings.path, "_csrf=\(token)&minimumGroupSize=3&brandColour=%23FFFF00&name=", "application/x-www-form-urlencoded"),
                (.POST, SiteRoute.languageSwitch.path, "_csrf=\(token)&language=klingon", "application/x-www-form-urlencoded"),
                (.POST, SiteRoute.settingsLogo.path, "_csrf=\(token)", "multipart/form-data; boundary=x"),
                (.GET, "/beheer/gebruikers/geen-uuid", nil, nil),
                (.GET, "/beheer/gebruikers/\(UUID().uuidString)", nil, nil),
                (.GET, SiteRoute.auditLog.path + "?van=gisteren&pagina=-5", nil, nil),
                (.GET, "/installatie/onzin", nil, nil),
                (.DELETE, SiteRoute.home.path, nil, nil),
                (.POST, "/%00", "x", "text/plain"),
            ]
            for (method, path, body, type) in cases {
                let response = try await browser.send(method, path, body: body, contentType: type)
                #expect((400..<500).contains(response.status.code), "\(method) \(path) answered \(response.status)")
                #expect(!response.text.contains("Swift") && !response.text.contains("Error("), "no internals in \(path)")
            }
            let settings = try await browser.send(
                .POST, SiteRoute.settings.path, body: "_csrf=\(token)&minimumGroupSize=3&brandColour=%23FFFF00&name=",
                contentType: "application/x-www-form-urlencoded")
            #expect(settings.text.contains("nooit lager dan 5") || settings.text.contains("van 5 tot 1000"))
            #expect(settings.text.contains("Witte tekst is op deze kleur slecht leesbaar"))
        }
    }
}
