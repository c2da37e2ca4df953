import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

@Suite("Administration: users, teams, settings, first administrator")
struct AdminTests {
    @Test(arguments: TestDatabase.all)
    func aNewColleagueGetsAOneTimeActivationLinkThenSetsUpTwoStepVerification(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let team = try await makeTeam(app, name: "Team Zwolle")
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let created = try await browser.post(
                SiteRoute.newUser.path,
                [
                    ("displayName", "Mila de Vries"), ("email", "Mila@Test.nl"), ("role", "team_manager"), ("language", "en"),
                    ("teams[]", try team.requireID().uuidString),
                ])
            #expect(created.status == .ok)
            let link = try #require(created.firstMatch("<code id=\"activation-link\">http://127.0.0.1:8080([^<]+)</code>"))
            let stored = try #require(try await StaffUser.query(on: app.db).filter(\.$email == "mila@test.nl").with(\.$teams).first())
            #expect(stored.role == .teamManager && stored.teams.map(\.name) == ["Team Zwolle"] && stored.language == .english)
            #expect(stored.passwordHash == nil)

            let colleague = Browser(app)
            let form = try await colleague.get(link)
            #expect(form.status == .ok)
            let mismatch = try await colleague.post(link, [("password", "twaalf tekens of meer"), ("passwordRepeat", "iets anders")])
            #expect(mismatch.status == .unprocessableEntity)
            let done = try await colleague.post(link, [("password", "twaalf tekens of meer"), ("passwordRepeat", "twaalf tekens of meer")])
            #expect(done.location == SiteRoute.staffHome.path, "a team manager needs no second factor")
            #expect(try await colleague.get(SiteRoute.staffHome.path).text.contains("Hello Mila de Vries"), "their own language")
            #expect(try await Browser(app).get(link).status == .notFound, "the link works once")
            #expect(try await auditActions(app).contains(.userCreated))
            #expect(try await auditActions(app).contains(.accountActivated))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aTeamManagerNeedsATeamAndAddressesAreUnique(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator, email: "anna@test.nl")
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let response = try await browser.post(SiteRoute.newUser.path, [("displayName", "Tim"), ("email", "ANNA@test.nl"), ("role", "team_manager")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Kies minstens één team voor een teammanager."))
            #expect(response.text.contains("Er is al een account met dit e-mailadres."))
            #expect(response.text.contains("href=\"#teams\""), "the summary links to the field")
        }
    }

    @Test(arguments: TestDatabase.all)
    func theLastAdministratorCannotBeRemovedAndNobodyDemotesThemselves(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let fields = [("displayName", admin.displayName), ("email", admin.email), ("role", "coordinator"), ("language", "nl")]
            let response = try await browser.post(SiteRoute.user(id: try admin.requireID()).path, fields)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Je kunt je eigen beheerdersrechten niet weghalen."))
            #expect(try await StaffUser.find(admin.id, on: app.db)?.role == .administrator)
        }
    }

    @Test(arguments: TestDatabase.all)
    func resettingAccessClearsPasswordAndSecondFactorAndGivesANewLink(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let admin = try await makeUser(app, role: .administrator)
            let researcher = try await makeUser(app, role: .researcher)
            let theirs = Browser(app)
            try await logIn(theirs, as: researcher)
            clock.advance(by: 30)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let reset = try await browser.post(SiteRoute.userAccessReset(id: try researcher.requireID()).path)
            #expect(reset.text.contains("/activeren/"))
            #expect(try await theirs.get(SiteRoute.staffHome.path).status == .seeOther)
            let stored = try #require(try await StaffUser.find(researcher.id, on: app.db))
            #expect(stored.passwordHash == nil && stored.totpSecret == nil)
            #expect(try await auditActions(app).contains(.userAccessReset))
        }
    }

    @Test(arguments: TestDatabase.all)
    func regionsAndTeamsAreCreatedWithUniqueNames(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            #expect(try await browser.get(SiteRoute.teams.path).text.contains("Maak eerst een regio"))
            #expect(try await browser.post(SiteRoute.newRegion.path, [("regionName", "Oost")]).status == .seeOther)
            let duplicate = try await browser.post(SiteRoute.newRegion.path, [("regionName", "Oost")])
            #expect(duplicate.text.contains("Er is al een regio met deze naam.") && duplicate.text.contains("value=\"Oost\""))
            let region = try #require(try await Region.query(on: app.db).filter(\.$name == "Oost").first())
            #expect(
                try await browser.post(SiteRoute.newTeam.path, [("teamName", "Team Enschede"), ("regionID", try region.requireID().uuidString)]).status
                    == .seeOther)
            let noRegion = try await browser.post(SiteRoute.newTeam.path, [("teamName", "Team Deventer"), ("regionID", UUID().uuidString)])
            #expect(noRegion.text.contains("Kies een regio.") && noRegion.text.contains("value=\"Team Deventer\""))
            let page = try await browser.get(SiteRoute.teams.path)
            #expect(page.text.contains("<li>Team Enschede</li>"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func settingsAreValidatedAndShapeThePublicPages(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            let bad = try await browser.post(
                SiteRoute.settings.path,
                [
                    ("name", "Jeugdbescherming Oost"), ("brandColour", "#FFEE00"), ("complaintsURL", "javascript:alert(1)"),
                    ("minimumGroupSize", "4"), ("privacyStatement", "Tekst"),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("value=\"Jeugdbescherming Oost\""), "everything entered is kept")
            #expect(bad.text.contains("Kies een donkerdere kleur"))
            #expect(bad.text.contains("begint met https://"))
            #expect(bad.text.contains("van 5 tot 1000"))
            let good = try await browser.post(
                SiteRoute.settings.path,
                [
                    ("name", "Jeugdbescherming Oost"), ("brandColour", "#2b4a1c"), ("complaintsURL", "https://oost.example/klachten"),
                    ("minimumGroupSize", "5"), ("privacyStatement", "Eerste alinea.\n\nTweede alinea."),
                ])
            #expect(good.status == .seeOther)
            let settings = try await OrganisationSettings.current(on: app.db, defaultName: "", now: app.clock.now())
            #expect(settings.minimumGroupSize == 5 && settings.brandColour == "#2B4A1C")
            let visitor = Browser(app)
            #expect(try await visitor.get(SiteRoute.brandStylesheet.path).text.contains("--brand: #2B4A1C"))
            let home = try await visitor.get(SiteRoute.home.path)
            #expect(home.text.contains("Jeugdbescherming Oost") && home.text.contains("https://oost.example/klachten"))
            let privacy = try await visitor.get(SiteRoute.privacy.path)
            #expect(privacy.text.contains("<p>Eerste alinea.</p>") && privacy.text.contains("<p>Tweede alinea.</p>"))
        }
    }

    /// As an administrator who would read figures released with another minimum beside the ones
    /// released before: once there are answers, the minimum stays as it is.
    @Test(arguments: TestDatabase.all)
    func theMinimumGroupSizeIsFixedOnceThereAreAnswers(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            func save(_ minimum: Int) async throws -> TestingHTTPResponse {
                try await browser.post(
                    SiteRoute.settings.path,
                    [("name", "Jeugdzorg Oost"), ("brandColour", "#2b4a1c"), ("minimumGroupSize", String(minimum)), ("privacyStatement", "")])
            }
            #expect(try await save(8).status == .seeOther, "without answers any minimum from the floor up")
            let link = try await openSampleQuestionnaire(app)
            let respondent = Browser(app)
            _ = try await respondent.post(SiteRoute.answerStart(link: link).path)
            _ = try await respondent.post(SiteRoute.answerPage(link: link).path, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "8")])
            _ = try await respondent.post(SiteRoute.answerPage(link: link).path, [("pagina", "p2"), ("getoond", "bereik,onderwerpen")])
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
            let lowered = try await save(6)
            #expect(lowered.status == .unprocessableEntity)
            #expect(lowered.text.contains("blijft daarom 8") && lowered.text.contains("value=\"6\""))
            // Raising it is refused too: a class of 12 merging with a neighbour of 5 at a
            // minimum of 15 would give the neighbour away as the difference.
            #expect(try await save(15).status == .unprocessableEntity)
            #expect(try await OrganisationSettings.current(on: app.db, defaultName: "", now: app.clock.now()).minimumGroupSize == 8)
            #expect(try await save(8).status == .seeOther, "the rest of the settings can still be saved")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aLogoMustBeAPNGOrJPEG(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            func upload(_ bytes: [UInt8], type: String) async throws -> TestingHTTPResponse {
                var body = "--grens\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(browser.csrfToken ?? "")\r\n"
                body += "--grens\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"logo\"\r\nContent-Type: \(type)\r\n\r\n"
                let data = Data(body.utf8) + Data(bytes) + Data("\r\n--grens--\r\n".utf8)
                return try await browser.send(.POST, SiteRoute.settingsLogo.path, bytes: data, contentType: "multipart/form-data; boundary=grens")
            }
            let svg = try await upload(Array("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".utf8), type: "image/svg+xml")
            #expect(svg.status == .unprocessableEntity && svg.text.contains("Kies een PNG of JPEG"))
            #expect(try await browser.get(SiteRoute.logo.path).status == .notFound)
            let png = try await upload([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], type: "image/png")
            #expect(png.status == .seeOther)
            let logo = try await Browser(app).get(SiteRoute.logo.path)
            #expect(logo.status == .ok && logo.headers.first(name: .contentType) == "image/png")
            #expect(try await Browser(app).get(SiteRoute.home.path).text.contains("src=\"/logo\""))
        }
    }

    @Test(arguments: TestDatabase.all)
    func theSetupLinkCreatesTheFirstAdministratorOnceAndExpires(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let token = try await AccessLinkController.create(.firstAdministrator, for: nil, now: clock.now, on: app.db)
            let path = SiteRoute.setup(token: token).path
            let browser = Browser(app)
            #expect(try await browser.get(path).status == .ok)
            let invalid = try await browser.post(path, [("displayName", "Anna"), ("email", "geen-adres"), ("password", "kort"), ("passwordRepeat", "kort")])
            #expect(invalid.status == .unprocessableEntity && invalid.text.contains("value=\"Anna\"") && invalid.text.contains("value=\"geen-adres\""))
            let created = try await browser.post(
                path, [("displayName", "Anna"), ("email", "anna@test.nl"), ("password", "een goed wachtwoord"), ("passwordRepeat", "een goed wachtwoord")])
            #expect(created.location == SiteRoute.twoFactorEnrolment.path, "an administrator sets up two-step verification first")
            #expect(try await StaffUser.query(on: app.db).filter(\.$role == .administrator).count() == 1)
            #expect(try await Browser(app).get(path).status == .notFound, "used")

            let late = try await AccessLinkController.create(.firstAdministrator, for: nil, now: clock.now, on: app.db)
            clock.advance(by: 25 * 3600)
            #expect(try await Browser(app).get(SiteRoute.setup(token: late).path).status == .notFound, "expired, and an administrator exists")
        }
    }
}
