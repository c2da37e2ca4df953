import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// As a coordinator running the three-yearly satisfaction survey among current clients: a list
/// uploaded in the browser becomes invitations within the wave's period, with reminders while it
/// runs, and nobody is invited twice to one wave.
@Suite("Survey waves among current clients")
struct WaveInvitationTests {
    /// The sample questionnaire as a satisfaction survey wave for parents, open.
    private func openWave(_ app: Application) async throws -> UUID {
        var definition = sampleQuestionnaire
        definition.key = "meting-2030"
        definition.kind = .satisfactionWave
        let imported = try await QuestionnaireStore(database: app.db).save(definition, now: app.clock.now())
        imported.questionnaire.isOpen = true
        try await imported.questionnaire.save(on: app.db)
        return try imported.questionnaire.requireID()
    }

    private func day(_ app: Application, plus days: Int) -> String {
        app.calendar.day(app.clock.now().addingTimeInterval(Double(days) * 86_400))
    }

    @Test(arguments: TestDatabase.all)
    func currentClientsAreInvitedOnceWithinTheWavesPeriod(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let id = try await openWave(app)
            _ = try await makeTeam(app, name: "Team Oost")
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let path = SiteRoute.waveInvitations(id: id).path
            let list = """
                client;team;rol;e-mail;geboortejaar;niet_benaderen
                C-1;Team Oost;ouder;a@example.nl;;
                C-2;Team Oost;ouder;b@example.nl;;
                C-2;Team Oost;jongere;j@example.nl;2014;
                C-3;Team Oost;ouder;geheim@example.nl;;ja
                """
            // A period that ended, or ends before it starts, is refused and the list is kept.
            let ended = try await browser.post(path, [("van", day(app, plus: -30)), ("tot", day(app, plus: -1)), ("inhoud", list)])
            #expect(ended.status == .unprocessableEntity && ended.text.contains("al voorbij") && ended.text.contains("C-3;Team Oost"))
            let reversed = try await browser.post(path, [("van", day(app, plus: 10)), ("tot", day(app, plus: 5)), ("inhoud", list)])
            #expect(reversed.status == .unprocessableEntity && reversed.text.contains("na de eerste dag"))
            #expect(try await Invitation.query(on: app.db).count() == 0)

            let report = try await browser.post(path, [("van", day(app, plus: 0)), ("tot", day(app, plus: 20)), ("inhoud", list)])
            #expect(report.status == .ok)
            #expect(report.text.contains("2 uitnodigingen gepland."))
            #expect(report.text.contains("Krijgt niets: niet benaderen"))
            #expect(report.text.contains("Krijgt niets: er staat geen vragenlijst open voor deze groep (Jongeren vanaf 12)."))

            // The same list again, with one new person: only the new one is invited.
            let again = try await browser.post(
                path, [("van", day(app, plus: 0)), ("tot", day(app, plus: 20)), ("inhoud", list + "\nC-4;Team Oost;pleegouder;d@example.nl;;")])
            #expect(again.text.contains("Krijgt niets: al eerder uitgenodigd voor deze meting."))
            let invitations = try await Invitation.query(on: app.db).filter(\.$questionnaire.$id == id).all()
            #expect(invitations.count == 2, "the foster parent is not in this parents' wave; nobody twice")
            let questionnaire = try #require(try await Questionnaire.find(id, on: app.db))
            #expect(questionnaire.waveEndsOn == day(app, plus: 20))

            // Mailed within the period; reminders while it runs; nothing after it ends.
            clock.advance(by: 86_400)
            try await MailWorker.runOnce(app)
            #expect(try readMails(folder).count == 2)
            clock.advance(by: 8 * 86_400)
            try await MailWorker.runOnce(app)
            #expect(try readMails(folder).count == 4, "one reminder each")
            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            #expect(try readMails(folder).count == 4, "the wave has ended")
            #expect(try await Invitation.query(on: app.db).filter(\.$email != nil).count() == 0, "addresses are gone after the wave")

            // A new session: the first one has long expired.
            let later = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let statistics = try await later.get(SiteRoute.questionnaireInvitations(id: id).path)
            #expect(statistics.text.contains("Respons") && statistics.text.contains("Huidige cliënten uitnodigen"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlySatisfactionWavesInviteCurrentClients(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            _ = try await openSampleQuestionnaire(app)
            let exit = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first())
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            #expect(try await browser.get(SiteRoute.waveInvitations(id: try exit.requireID()).path).status == .notFound)
        }
    }

    /// The case system sends the list over the API: the same rules, problems with pointers.
    @Test(arguments: TestDatabase.all)
    func theCaseSystemInvitesCurrentClientsThroughTheApi(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let id = try await openWave(app)
            _ = try await makeTeam(app, name: "Team Oost")
            let token = try await makeApiToken(app, scopes: [.closuresWrite])
            let path = SiteRoute.apiWaveInvitations(id: id).path
            let bad = try await callApi(
                app, .POST, path, token: token,
                json: """
                    {"startsOn": "\(day(app, plus: 5))", "endsOn": "\(day(app, plus: 1))", "clients": [
                      {"reference": "C-1", "team": "Team Nergens", "people": [{"role": "parent", "email": "a@example.nl"}]},
                      {"reference": "C-2", "team": "Team Oost", "closedOn": "2030-01-01", "people": [{"role": "parent"}]}
                    ]}
                    """)
            #expect(bad.status == .unprocessableEntity && bad.headers.contentType?.description.contains("problem+json") == true)
            for pointer in ["/endsOn", "/clients/0/team", "/clients/1/closedOn", "/clients/1/people/0/email"] {
                #expect(bad.text.contains("\"pointer\":\"\(pointer)\""), "\(pointer)")
            }
            #expect(try await Invitation.query(on: app.db).count() == 0, "nothing of a refused list is kept")
            let list = """
                {"startsOn": "\(day(app, plus: 0))", "endsOn": "\(day(app, plus: 20))", "clients": [
                  {"reference": "C-1", "team": "Team Oost", "people": [{"role": "parent", "email": "a@example.nl"}]},
                  {"reference": "C-2", "team": "Team Oost", "people": [{"role": "parent", "email": "b@example.nl", "doNotContact": true}]}
                ]}
                """
            let first = try await callApi(app, .POST, path, token: token, json: list)
            #expect(first.status == .ok)
            let report = try JSONDecoder().decode(WaveInvitationsApi.Report.self, from: Data(first.body.readableBytesView))
            #expect(report.invitationsPlanned == 1 && report.skipped["do_not_contact"] == 1)
            let again = try JSONDecoder().decode(
                WaveInvitationsApi.Report.self, from: Data(try await callApi(app, .POST, path, token: token, json: list).body.readableBytesView))
            #expect(again.invitationsPlanned == 0 && again.skipped["already_invited"] == 1)
            _ = try await openSampleQuestionnaire(app)
            let exit = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first())
            #expect(try await callApi(app, .POST, SiteRoute.apiWaveInvitations(id: try exit.requireID()).path, token: token, json: list).status == .notFound)
        }
    }
}
