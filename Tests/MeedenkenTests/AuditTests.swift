import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Audit log")
struct AuditTests {
    @Test(arguments: TestDatabase.all)
    func auditEntriesCannotBeChangedOrDeleted(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            try await logIn(Browser(app), as: user)
            let event = try #require(try await AuditEvent.query(on: app.db).first())
            event.detail = "overschreven"
            await #expect(throws: (any Error).self) { try await event.save(on: app.db) }
            await #expect(throws: (any Error).self) { try await event.delete(on: app.db) }
            let stored = try #require(try await AuditEvent.find(event.id, on: app.db))
            #expect(stored.detail != "overschreven")
        }
    }

    @Test(arguments: TestDatabase.all)
    func securityEventsRecordWhoWhatWhenAndNoSecrets(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let user = try await makeUser(app, role: .councilMember, secondFactor: false)
            let browser = Browser(app)
            browser.remoteAddress = "192.0.2.44"
            try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", "een fout wachtwoord!")])
            try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let events = try await AuditEvent.query(on: app.db).sort(\.$occurredAt).all()
            let failed = try #require(events.first { $0.action == .loginFailed })
            #expect(failed.objectID == user.id?.uuidString)
            #expect(failed.clientAddress == "192.0.2.44")
            #expect(failed.occurredAt == clock.now)
            let succeeded = try #require(events.first { $0.action == .loginSucceeded })
            #expect(succeeded.actorEmail == user.email)
            for event in events {
                let text = [event.detail, event.objectID, event.actorEmail].compactMap { $0 }.joined()
                #expect(!text.contains("fout wachtwoord") && !text.contains(fixturePassword))
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func viewingPersonalDataIsAudited(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            try await logIn(browser, as: admin)
            try await browser.get(SiteRoute.users.path)
            try await browser.get(SiteRoute.auditLog.path)
            let actions = try await auditActions(app)
            #expect(actions.contains(.usersViewed))
            #expect(actions.contains(.auditLogViewed))
        }
    }

    @Test(arguments: TestDatabase.all)
    func administratorsFilterTheAuditLogByEventPersonAndDay(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let admin = try await makeUser(app, role: .administrator, email: "anna@test.nl")
            let other = try await makeUser(app, role: .councilMember, email: "rik@test.nl", secondFactor: false)
            try await Browser(app).post(SiteRoute.login.path, [("email", other.email), ("password", "fout fout fout fout")])
            clock.advance(by: 86_400 * 2)
            try await logIn(Browser(app), as: other)
            let browser = Browser(app)
            try await logIn(browser, as: admin)

            let failures = try await browser.get(SiteRoute.auditLog.path + "?actie=login.failed")
            #expect(failures.text.contains("Inloggen mislukt"))
            #expect(!failures.text.contains("<td>Ingelogd</td>"))
            let rik = try await browser.get(SiteRoute.auditLog.path + "?wie=rik@test.nl")
            #expect(rik.text.contains("<td>rik@test.nl</td>") && !rik.text.contains("<td>anna@test.nl</td>"))
            let today = ISO8601DateFormatter.string(from: clock.now, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let todayOnly = try await browser.get(SiteRoute.auditLog.path + "?actie=login.failed&van=\(today)&tot=\(today)")
            #expect(todayOnly.text.contains("Geen gebeurtenissen gevonden."))
            let badDate = try await browser.get(SiteRoute.auditLog.path + "?van=31-12-2026")
            #expect(badDate.status == .unprocessableEntity && badDate.text.contains("Vul een datum in als JJJJ-MM-DD."))
        }
    }

    /// Issue 12 #14: what changes what clients and the public see, or shows what a client wrote
    /// before masking, is recorded with who did it.
    @Test(arguments: TestDatabase.all)
    func participationActionsLeaveTheirAuditEvents(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let link = try await openSampleQuestionnaire(app)
            try await OpenAnswersTests().answer(app, link: link, text: "Petra Jansen luistert nooit")
            let id = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first()?.requireID())
            let user = try await makeUser(app, role: .coordinator)
            let coordinator = try await signedInBrowser(app, as: user)
            func events(_ action: AuditAction) async throws -> [AuditEvent] {
                try await AuditEvent.query(on: app.db).filter(\.$action == action).all()
            }

            #expect(try await coordinator.get(SiteRoute.openAnswers(id: id).path).text.contains("Petra Jansen"))
            let read = try #require(try await events(.openAnswersViewed).first)
            #expect(read.actorEmail == user.email && read.objectID == id.uuidString)

            #expect(try await coordinator.post(SiteRoute.resultPublication(id: id).path).status == .seeOther)
            #expect(try await coordinator.post(SiteRoute.resultPublication(id: id).path).status == .seeOther)
            #expect(try await events(.resultsPublished).map(\.objectID) == [id.uuidString])
            #expect(try await events(.resultsWithdrawn).map(\.actorEmail) == [user.email])

            #expect(try await coordinator.post(SiteRoute.questionnaireStatus(id: id).path).status == .seeOther)
            #expect(try await coordinator.post(SiteRoute.questionnaireStatus(id: id).path).status == .seeOther)
            #expect(try await events(.questionnaireClosed).map(\.actorEmail) == [user.email])
            #expect(try await events(.questionnaireOpened).map(\.objectID) == [id.uuidString])
            let token = try await makeApiToken(app)
            #expect(try await callApi(app, .POST, SiteRoute.apiQuestionnaireClose(id: id).path, token: token).status == .ok)
            #expect(try await events(.questionnaireClosed).map(\.actorEmail).contains("api:zaaksysteem"), "an API call names its token")

            let saved = try await coordinator.post(SiteRoute.codebook.path, [("stammen-informatie", "folder"), ("gevaar", "onveilig")])
            #expect(saved.status == .seeOther)
            #expect(try await events(.codebookChanged).map(\.actorEmail) == [user.email])
        }
    }
}
