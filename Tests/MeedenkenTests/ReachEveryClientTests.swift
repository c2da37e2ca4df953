import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// As a participation coordinator who wants every client reached: a child of 8 to 11 through
/// the parent's mail, a foster parent with a questionnaire of their own, and nobody left out
/// silently.
@Suite("Reaching every client")
struct ReachEveryClientTests {
    /// The sample questionnaire for children and for foster parents, open.
    private func openChildAndFosterQuestionnaires(_ app: Application) async throws {
        for (key, audience) in [("proef-kinderen", QuestionnaireDefinition.Audience.child8to11), ("proef-pleegouders", .fosterParent)] {
            var definition = sampleQuestionnaire
            definition.key = key
            definition.audience = audience
            definition.title = LocalizedText(nl: "Vragenlijst \(key)", en: "Questionnaire \(key)")
            let imported = try await QuestionnaireStore(database: app.db).save(definition, now: app.clock.now())
            imported.questionnaire.isOpen = true
            try await imported.questionnaire.save(on: app.db)
        }
    }

    /// Opens the exit questionnaires of every audience and reports the family's closure over the API.
    private func reportFamily(_ app: Application, withFosterParent: Bool) async throws -> TestingHTTPResponse {
        try await openExitQuestionnaires(app)
        try await openChildAndFosterQuestionnaires(app)
        _ = try await makeTeam(app, name: "Team Noord")
        let token = try await makeApiToken(app)
        return try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: family(withFosterParent: withFosterParent))
    }

    /// A family: a parent, a child of 9, a youth of 14 (and, when asked, a foster parent).
    private func family(withFosterParent: Bool) -> String {
        let foster = withFosterParent ? #",{"role": "foster_parent", "email": "pleegouder@example.nl"}"# : ""
        return """
            {"reference": "GEZIN-9", "team": "Team Noord", "closedOn": "2030-03-10", "people": [
              {"role": "parent", "email": "ouder@example.nl"},
              {"role": "child", "birthYear": 2021},
              {"role": "youth", "email": "jongere@example.nl", "birthYear": 2016}\(foster)
            ]}
            """
    }

    @Test(arguments: TestDatabase.all)
    func aChildOf9IsInvitedThroughTheParentsMailWithALinkOfItsOwn(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let created = try await reportFamily(app, withFosterParent: false)
            let report = try JSONDecoder().decode(ClosureIntake.Report.self, from: Data(created.body.readableBytesView))
            #expect(report.invitationsPlanned == 3, "parent, child and youth")
            #expect(report.skipped.values.allSatisfy { $0 == 0 })
            let invitations = try await Invitation.query(on: app.db).all()
            let child = try #require(invitations.first { $0.respondentRole == "child_8_11" })
            let parent = try #require(invitations.first { $0.respondentRole == "parent" })
            #expect(child.companionOf == parent.id && child.ageBand == "8-11")

            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            let mails = try readMails(folder)
            #expect(Set(mails.map(\.to)) == ["ouder@example.nl", "jongere@example.nl"], "no mail of the child's own")
            let parentMail = try #require(mails.first { $0.to == "ouder@example.nl" })
            #expect(parentMail.tokens.count == 2, "the parent's link and the child's")
            #expect(parentMail.body.contains("Voor uw kind") && parentMail.body.contains("met u in de buurt"))
            #expect(parentMail.body.contains("Beste ouder") && !parentMail.body.contains("pleegkind"))
            #expect(parentMail.body.contains("De antwoorden zijn anoniem."), "the children's questionnaire's own promise")
            let youthMail = try #require(mails.first { $0.to == "jongere@example.nl" })
            #expect(youthMail.body.contains("Deze mail gaat niet over je zaak"), "youths are always addressed with je")

            // The child's link opens the children's questionnaire and counts as the child's own.
            let childLink = parentMail.tokens[1]
            let start = try await Browser(app).get(SiteRoute.invitationStart(token: childLink).path)
            #expect(start.text.contains("Vragenlijst proef-kinderen"))
            try await answerSampleQuestionnaire(app, invitationLink: parentMail.tokens[0])
            let childInvitation = try #require(try await Invitation.find(child.id, on: app.db))
            #expect(!childInvitation.completed)
            #expect(try await Invitation.find(parent.id, on: app.db)?.completed == true)

            // A week later the parent has answered and the child has not: a reminder for the
            // child only, to the parent's address.
            clock.advance(by: 8 * 86_400)
            try await MailWorker.runOnce(app)
            let reminders = try readMails(folder).filter { !mails.map(\.body).contains($0.body) }
            let childReminder = try #require(reminders.first { $0.to == "ouder@example.nl" })
            #expect(childReminder.tokens.count == 1 && childReminder.body.contains("link voor uw kind"))
            #expect(reminders.filter { $0.to == "ouder@example.nl" }.count == 1)
            try await answerSampleQuestionnaire(app, invitationLink: childReminder.tokens[0])
            #expect(try await Invitation.find(child.id, on: app.db)?.completed == true)
            let childResponse = try #require(try await SurveyResponse.query(on: app.db).filter(\.$respondentRole == "child_8_11").first())
            #expect(childResponse.ageBand == "8-11" && childResponse.channel == "invitation")
        }
    }

    /// A child placed with a foster parent: the link goes to the foster parent, who lives with
    /// the child, not to the birth parent (who may be why the child was placed).
    @Test(arguments: TestDatabase.all)
    func aChildsLinkGoesToTheFosterParentWhenTheTrajectoryNamesOne(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let created = try await reportFamily(app, withFosterParent: true)
            #expect(try JSONDecoder().decode(ClosureIntake.Report.self, from: Data(created.body.readableBytesView)).invitationsPlanned == 4)
            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            let mails = try readMails(folder)
            let fosterMail = try #require(mails.first { $0.to == "pleegouder@example.nl" })
            #expect(fosterMail.body.contains("Beste pleegouder") && fosterMail.body.contains("uw pleegkind"))
            #expect(fosterMail.tokens.count == 2 && fosterMail.body.contains("Voor uw kind"))
            #expect(mails.first { $0.to == "ouder@example.nl" }?.tokens.count == 1)
        }
    }

    /// As the adult who has the child's link: the child's unsent answers are not on it.
    @Test(arguments: TestDatabase.all)
    func aChildsUnsentAnswersAreOnlyInTheBrowserWhereTheyWereTyped(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            _ = try await reportFamily(app, withFosterParent: false)
            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            let parentMail = try #require(try readMails(folder).first { $0.to == "ouder@example.nl" })
            let childLink = try #require(parentMail.tokens.last)
            let child = Browser(app)
            _ = try await child.post(SiteRoute.invitationStart(token: childLink).path)
            let typed = try await child.post(
                SiteRoute.invitationPage(token: childLink).path,
                [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", "3"), ("a-beter", "dit is van mij alleen")])
            #expect(typed.status == .seeOther)
            #expect(try await child.get(SiteRoute.invitationPage(token: childLink).path + "?pagina=p1").text.contains("dit is van mij alleen"))

            let adult = Browser(app)
            let start = try await adult.get(SiteRoute.invitationStart(token: childLink).path)
            #expect(!start.text.contains("Verder waar je was"), "no sign that the child started")
            _ = try await adult.post(SiteRoute.invitationStart(token: childLink).path)
            let page = try await adult.get(SiteRoute.invitationPage(token: childLink).path + "?pagina=p1")
            #expect(page.status == .ok && !page.text.contains("dit is van mij alleen"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func adultsAreAddressedAsTheOrganisationChooses(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let settings = try await OrganisationSettings.current(on: app.db, defaultName: "Jeugdzorg Test", now: app.clock.now())
            settings.adultFormOfAddress = .je
            try await settings.save(on: app.db)
            let token = try await makeApiToken(app)
            _ = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(team: "Team Noord"))
            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            let parentMail = try #require(try readMails(folder).first { $0.to == "ouder@example.nl" })
            #expect(parentMail.body.contains("Deze mail gaat niet over je zaak") && !parentMail.body.contains(" uw "))
        }
    }

    @Test(arguments: TestDatabase.all)
    func aChildWithoutAnInvitedAdultAndAFosterParentWithoutAQuestionnaireAreReportedNotDropped(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let token = try await makeApiToken(app)
            let closure = """
                {"reference": "ALLEEN-1", "team": "Team Noord", "closedOn": "2030-03-10", "people": [
                  {"role": "child", "birthYear": 2020},
                  {"role": "child", "birthYear": 2025},
                  {"role": "foster_parent", "email": "pleegouder@example.nl"}
                ]}
                """
            let created = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: closure)
            let report = try JSONDecoder().decode(ClosureIntake.Report.self, from: Data(created.body.readableBytesView))
            #expect(report.invitationsPlanned == 0)
            #expect(report.skipped["no_questionnaire"] == 2, "no children's and no foster parents' questionnaire is open")
            #expect(report.skipped["too_young"] == 1)
        }
    }

    /// As a coordinator who uploads a CSV: every line says who will be invited, who not, and why;
    /// an audience without a questionnaire is said loudly, on the report and the start page.
    @Test(arguments: TestDatabase.all)
    func theBrowserImportSaysPerLineWhoIsInvitedAndWhoNotAndWhy(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team West")
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let csv = """
                traject;team;afsluitdatum;rol;e-mail;geboortejaar;niet_benaderen
                A-1;Team West;2030-03-01;ouder;ouder@example.nl;;
                A-1;Team West;2030-03-01;kind;;2021;
                A-1;Team West;2030-03-01;jongere;jongere@example.nl;2015;
                A-1;Team West;2030-03-01;pleegouder;pleeg@example.nl;;
                A-1;Team West;2030-03-01;ouder;geheim@example.nl;;ja
                A-1;Team West;2030-03-01;kind;;2026;
                """
            let report = try await browser.post(SiteRoute.closureImport.path, [("inhoud", csv)])
            #expect(report.status == .ok)
            let text = report.text
            #expect(text.contains("Krijgt een uitnodiging. Vragenlijst: Ouders."))
            #expect(text.contains("Krijgt een uitnodiging. Vragenlijst: Jongeren vanaf 12."))
            #expect(text.contains("Krijgt niets: er staat geen vragenlijst open voor deze groep (Kinderen 8-11)."))
            #expect(text.contains("Krijgt niets: er staat geen vragenlijst open voor deze groep (Pleegouders)."))
            #expect(text.contains("Krijgt niets: niet benaderen"))
            #expect(text.contains("Krijgt niets: jonger dan 8 jaar."))
            #expect(!text.contains(">Ingelezen<"), "no line just says it was read")
            #expect(text.contains("2 uitnodigingen gepland.") && text.contains("2 mensen krijgen niets omdat er geen vragenlijst voor hen openstaat."))
            #expect(text.contains("Let op: er staat geen vragenlijst open voor Pleegouders. 1 persoon uit deze groep krijgt daarom niets."))
            let home = try await browser.get(SiteRoute.staffHome.path)
            #expect(home.text.contains("Er staat geen eindvragenlijst open voor Pleegouders."))
            #expect(home.text.contains("Er staat geen eindvragenlijst open voor Kinderen 8-11."))
            #expect(!home.text.contains("Er staat geen eindvragenlijst open voor Ouders."))

            // A wrongly entered address is cancelled before anything is sent; a team manager cannot.
            let planned = try await browser.get(SiteRoute.plannedInvitations.path)
            #expect(planned.text.contains("ouder@example.nl") && planned.text.contains("jongere@example.nl"))
            let wrong = try #require(try await Invitation.query(on: app.db).filter(\.$email == "jongere@example.nl").first())
            let manager = try await signedInBrowser(app, as: try await makeUser(app, role: .teamManager))
            #expect(try await manager.post(SiteRoute.plannedInvitationCancel(id: try wrong.requireID()).path).status == .forbidden)
            let cancelled = try await browser.post(SiteRoute.plannedInvitationCancel(id: try wrong.requireID()).path)
            #expect(cancelled.status == .seeOther)
            #expect(try await Invitation.query(on: app.db).filter(\.$email == "jongere@example.nl").count() == 0)
            #expect(try await TrajectoryClosure.query(on: app.db).first()?.invitationsPlanned == 1)
            #expect(try await auditActions(app).contains(.invitationCancelled))
            #expect(try await browser.get(SiteRoute.plannedInvitations.path + "?geannuleerd=1").text.contains("De uitnodiging is geannuleerd."))
        }
    }

    /// A sent invitation can no longer be cancelled; the preview shows every mail as it is sent.
    @Test(arguments: TestDatabase.all)
    func aSentInvitationCannotBeCancelledAndEveryMailCanBePreviewed(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            try await inviteFamily(app)
            clock.advance(by: 30 * 86_400)
            try await MailWorker.runOnce(app)
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let sent = try #require(try await Invitation.query(on: app.db).filter(\.$respondentRole == "parent").first())
            let refused = try await browser.post(SiteRoute.plannedInvitationCancel(id: try sent.requireID()).path)
            #expect(refused.status == .conflict && refused.text.contains("al verstuurd"))
            let preview = try await browser.get(SiteRoute.mailPreview.path)
            #expect(preview.status == .ok)
            for phrase in ["Beste ouder", "Beste pleegouder", "Voor uw kind", "Dear parent", "Dear foster parent", "Hallo,", "Hi,"] {
                #expect(preview.text.contains(phrase), "\(phrase)")
            }
            let parentMail = try #require(try readMails(folder).first { $0.to == "ouder@example.nl" })
            // The preview is written by the same text as the mail: its opening is there word for word.
            let opening = "De hulp van Jeugdzorg Test aan uw gezin is afgesloten."
            #expect(parentMail.body.contains(opening) && preview.text.contains(opening))
        }
    }
}
