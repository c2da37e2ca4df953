import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

@Suite("Trajectory closures become invitations")
struct ClosureTests {
    @Test(arguments: TestDatabase.all)
    func aClosurePlansOneInvitationPerReachablePersonAndTheSameClosureTwiceCreatesNothing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await openExitQuestionnaires(app)
            let team = try await makeTeam(app, name: "Team Noord")
            let token = try await makeApiToken(app, scopes: [.closuresWrite])
            let first = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(team: "team noord"))
            #expect(first.status == .created)
            let report = try JSONDecoder().decode(ClosureIntake.Report.self, from: Data(first.body.readableBytesView))
            #expect(report.invitationsPlanned == 2)
            // The child of 8 would go with the parent's mail, but no children's questionnaire is open.
            #expect(report.skipped["no_questionnaire"] == 1 && report.skipped["do_not_contact"] == 1)
            let again = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(team: "Team Noord"))
            #expect(again.status == .ok)
            #expect(again.text.contains("already_received"))
            let invitations = try await Invitation.query(on: app.db).all()
            #expect(invitations.count == 2)
            #expect(Set(invitations.map(\.respondentRole)) == ["parent", "youth_12_plus"])
            #expect(invitations.allSatisfy { $0.$team.id == team.id })
            #expect(invitations.first { $0.respondentRole == "youth_12_plus" }?.ageBand == "12-15")
            #expect(!invitations.contains { $0.email == "geheim@example.nl" }, "do-not-contact leaves no address behind")
            #expect(try await auditActions(app).contains(.closuresReceived))
        }
    }

    @Test func theApiAnswersWithProblemDocuments() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            _ = try await makeTeam(app, name: "Team Zuid")
            let path = SiteRoute.apiTrajectoryClosures.path
            let none = try await callApi(app, .POST, path, token: nil, json: familyClosure(team: "Team Zuid"))
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .contentType) == "application/problem+json")
            #expect(none.headers.first(name: .wwwAuthenticate) == "Bearer")
            let readOnly = try await makeApiToken(app, scopes: [.questionnairesRead])
            let wrongScope = try await callApi(app, .POST, path, token: readOnly, json: familyClosure(team: "Team Zuid"))
            #expect(wrongScope.status == .forbidden && wrongScope.text.contains("closures:write"))
            let token = try await makeApiToken(app, scopes: [.closuresWrite])
            let notJSON = try await callApi(app, .POST, path, token: token, json: "{niet json")
            #expect(notJSON.status == .badRequest)
            let invalid = try await callApi(
                app, .POST, path, token: token,
                json: #"{"reference": 12, "team": "Team Onbekend", "closedOn": "2030-02-30", "people": [{"role": "oma", "email": "geen-adres"}]}"#)
            #expect(invalid.status == .unprocessableEntity)
            for pointer in ["/reference", "/closedOn", "/people/0/role", "/people/0/email"] {
                #expect(invalid.text.contains("\"pointer\":\"\(pointer)\""), "\(pointer)")
            }
            let unknownTeam = try await callApi(app, .POST, path, token: token, json: familyClosure(team: "Team Onbekend"))
            #expect(unknownTeam.status == .unprocessableEntity && unknownTeam.text.contains("\"/team\""))
            let token2 = try await ApiToken.query(on: app.db).filter(\.$tokenHash == SecureToken.hash(token)).first()
            token2?.revokedAt = app.clock.now()
            try await token2?.save(on: app.db)
            let revoked = try await callApi(app, .POST, path, token: token, json: familyClosure(team: "Team Zuid"))
            #expect(revoked.status == .unauthorized)
            #expect(try await Invitation.query(on: app.db).count() == 0, "nothing was stored by refused calls")
            #expect(try await TrajectoryClosure.query(on: app.db).count() == 0)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCSVWithBrokenRowsImportsTheGoodClosuresWholeAndReportsEveryRow(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team West")
            let csv = """
                traject;team;afsluitdatum;rol;e-mail;taal;geboortejaar;niet_benaderen
                A-1;Team West;2030-03-01;ouder;a1@example.nl;nl;;
                A-1;Team West;2030-03-01;jongere;a1-jongere@example.nl;en;2015;
                B-2;Team West;2030-03-01;ouder;b2@example.nl;nl;;
                B-2;Team West;2030-03-01;oma;b2-oma@example.nl;nl;;
                C-3;Team Oost;2030-03-01;ouder;c3@example.nl;nl;;
                D-4;Team West;2030-13-01;ouder;d4@example.nl;nl;;
                E-5;Team West;2030-03-01;ouder;"e5@example.nl";nl;;ja
                """
            let result = try await ClosureCSVImport(database: app.db, config: app.config).run(csv: csv, now: app.clock.now())
            #expect(result.closuresCreated == 2, "A-1 and E-5")
            #expect(result.invitationsPlanned == 2)
            #expect(result.rows.count == 7)
            let byLine = Dictionary(uniqueKeysWithValues: result.rows.map { ($0.line, $0) })
            #expect(byLine[2]?.outcome == "created" && byLine[3]?.outcome == "created")
            #expect(byLine[5]?.problems.map(\.code) == [.unknownRole])
            #expect(byLine[4]?.problems.map(\.code) == [.otherRowRejected], "B-2 is rejected whole")
            #expect(byLine[6]?.problems.map(\.code) == [.unknownTeam])
            #expect(byLine[7]?.problems.map(\.code) == [.badDate])
            #expect(try await TrajectoryClosure.query(on: app.db).count() == 2)
            #expect(try await Invitation.query(on: app.db).filter(\.$email == "b2@example.nl").count() == 0)
            let again = try await ClosureCSVImport(database: app.db, config: app.config).run(csv: csv, now: app.clock.now())
            #expect(again.closuresCreated == 0 && again.closuresAlreadyReceived == 2)
            #expect(try await Invitation.query(on: app.db).count() == 2)
        }
    }

    @Test func theBrowserImportShowsAReportAndAMissingColumnChangesNothing() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team West")
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let missing = try await browser.post(SiteRoute.closureImport.path, [("inhoud", "traject;team\nA;Team West")])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("afsluitdatum"))
            let csv = "traject,team,afsluitdatum,rol,e-mail\nA-1,Team West,2030-03-01,ouder,a1@example.nl\nB-2,Team West,2030-03-01,ouder,geen-adres"
            let report = try await browser.post(SiteRoute.closureImport.path, [("inhoud", csv)])
            #expect(report.status == .ok)
            #expect(report.text.contains("1 traject ingelezen. 1 uitnodiging gepland. 0 trajecten waren er al."), "singular and plural as they should be")
            #expect(report.text.contains("Dit is geen geldig e-mailadres. (e-mail)"))
        }
    }

    /// A coordinator learns the file's format and the accepted team names on the page itself,
    /// and the example shown there imports as it stands.
    @Test func theImportPageExplainsTheColumnsAndListsTheTeamsItAccepts() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let browser = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let page = try await browser.get(SiteRoute.closureImport.path)
            #expect(page.status == .ok)
            let region = try #require(try await Region.query(on: app.db).first()).name
            #expect(page.text.contains("<td>Team Noord</td><td>\(region)</td>"), "the team with its region")
            for column in ClosureCSV.Column.allCases { #expect(page.text.contains("<code>\(column.headerNames[0])</code>")) }
            #expect(page.text.contains("ouder, pleegouder, jongere of kind") && !page.text.contains("docs/"))
            let example = try #require(page.firstMatch(#"<pre class="example-file">([^<]+)</pre>"#))
            let report = try await browser.post(SiteRoute.closureImport.path, [("inhoud", example)])
            #expect(report.text.contains("1 traject ingelezen."), "the example imports as it stands")
        }
    }
}

@Suite("Invitation mail, answering and unsubscribing")
struct InvitationMailTests {
    @Test(arguments: TestDatabase.all)
    func invitationsAndAtMostTwoRemindersGoOutOnceEachAndAnsweringStopsThem(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            try await inviteFamily(app)
            try await MailWorker.runOnce(app)
            try await MailWorker.runOnce(app)
            var mails = try readMails(folder)
            #expect(mails.count == 2, "one invitation each, however often the worker runs")
            let parentMail = try #require(mails.first { $0.to == "ouder@example.nl" })
            #expect(parentMail.body.contains("Deze mail gaat niet over uw zaak") && parentMail.body.contains("Jeugdzorg Test"))
            #expect(parentMail.body.contains("/afmelden/"))
            #expect(mails.first { $0.to == "jongere@example.nl" }?.body.contains("This e-mail is not about your case") == true)
            #expect(try await OutboxMessage.query(on: app.db).all().allSatisfy { $0.status == .sent && $0.message.isEmpty })

            // The parent answers through the link; the youth does not.
            let link = try #require(parentMail.token)
            let browser = Browser(app)
            let start = try await browser.get(SiteRoute.invitationStart(token: link).path)
            #expect(start.status == .ok && start.text.contains("We zien alleen dát je de vragenlijst hebt ingevuld"))
            try await browser.post(SiteRoute.invitationStart(token: link).path)
            let page = SiteRoute.invitationPage(token: link).path
            try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "8")])
            // Stop and come back later, in another browser: the link finds the same answers.
            let later = Browser(app)
            let resumed = try await later.get(page)
            #expect(resumed.text.contains("Bereikbaar?"), "resumes on the second page")
            let sent = try await later.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "always")])
            #expect(sent.location == SiteRoute.invitationThanks(token: link).path)
            let twice = try await later.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "always")])
            #expect(twice.location == SiteRoute.invitationThanks(token: link).path)
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
            let response = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(response.channel == "invitation" && response.respondentRole == "parent" && response.teamID != nil)

            // A week later: one reminder, to the youth only; then a second; never a third.
            for _ in 0..<4 {
                clock.advance(by: 7 * 86400 + 60)
                try await MailWorker.runOnce(app)
            }
            mails = try readMails(folder)
            #expect(mails.count == 4)
            #expect(mails.filter { $0.to == "jongere@example.nl" }.count == 3)
            #expect(mails.filter { $0.to == "ouder@example.nl" }.count == 1)
            let parent = try #require(try await Invitation.query(on: app.db).filter(\.$respondentRole == "parent").first())
            #expect(parent.completed && parent.email == nil, "the address goes once answered")
            let youth = try #require(try await Invitation.query(on: app.db).filter(\.$respondentRole == "youth_12_plus").first())
            #expect(youth.remindersSent == 2)
            let statistics = try await InvitationStatistics.compute(questionnaireID: parent.$questionnaire.id, minimum: 10, on: app.db)
            #expect(statistics.total.invited == 1, "people invited are no answers")
            #expect(statistics.total.completed == 0 && statistics.total.opened == 0, "one who answered is not shown: counts move in steps of ten")
            let exact = try await InvitationStatistics.compute(questionnaireID: parent.$questionnaire.id, minimum: 1, on: app.db)
            #expect(exact.total.completed == 0, "never in steps below five")
        }
    }

    @Test(arguments: TestDatabase.all)
    func anUnknownOrExpiredLinkSaysSoAndAnUnsubscribeHoldsForLaterClosures(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let token = try await inviteFamily(app)
            try await MailWorker.runOnce(app)
            let mails = try readMails(folder)
            let parentLink = try #require(mails.first { $0.to == "ouder@example.nl" }?.token)
            let youthLink = try #require(mails.first { $0.to == "jongere@example.nl" }?.token)
            let unknown = try await Browser(app).get(SiteRoute.invitationStart(token: "onbekend").path)
            #expect(unknown.status == .notFound && unknown.text.contains("Deze link kennen we niet"))

            let browser = Browser(app)
            let confirm = try await browser.get(SiteRoute.unsubscribe(token: parentLink).path)
            #expect(confirm.text.contains("Afmelden voor alle vragenlijsten"))
            #expect(try await UnsubscribedAddress.query(on: app.db).count() == 0, "opening the link alone does nothing")
            let done = try await browser.post(SiteRoute.unsubscribe(token: parentLink).path)
            #expect(done.text.contains("Je bent afgemeld"))
            // A later trajectory of the same parent: skipped and counted.
            let later = try await callApi(
                app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(reference: "ZAAK-2", team: "Team Noord"))
            #expect(later.text.contains("\"unsubscribed\":1"))
            #expect(try await Invitation.query(on: app.db).filter(\.$closure.$id != nil).filter(\.$respondentRole == "parent").count() == 1)

            clock.advance(by: 31 * 86400)
            let expired = try await Browser(app).get(SiteRoute.invitationStart(token: youthLink).path)
            #expect(expired.status == .gone && expired.text.contains("Deze link werkt niet meer"))
            try await MailWorker.runOnce(app)
            let expiredInvitations = try await Invitation.query(on: app.db).filter(\.$expiresAt < clock.now).all()
            #expect(!expiredInvitations.isEmpty)
            #expect(expiredInvitations.allSatisfy { $0.email == nil }, "no address is kept after the link expired")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aFailedSendIsRetriedWithBackoffAndARefusedAddressCountsAsBounced(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            try await inviteFamily(app)
            app.mailTransport = RefusingTransport()
            try await MailWorker.runOnce(app)
            let messages = try await OutboxMessage.query(on: app.db).all()
            let temporary = try #require(messages.first { $0.recipient == "ouder@example.nl" })
            #expect(temporary.status == .pending && temporary.attempts == 1 && temporary.nextAttemptAt > clock.now)
            let refused = try #require(messages.first { $0.recipient != "ouder@example.nl" })
            #expect(refused.status == .failed && refused.message.isEmpty && refused.recipient == "j…@example.nl")
            let youth = try #require(try await Invitation.query(on: app.db).filter(\.$respondentRole == "youth_12_plus").first())
            #expect(youth.bounced && youth.email == nil)
            try await MailWorker.runOnce(app)
            #expect(try await OutboxMessage.find(temporary.id, on: app.db)?.attempts == 1, "not retried before its time")
            for _ in 0..<6 {
                clock.advance(by: 9 * 3600)
                try await MailWorker.runOnce(app)
            }
            let gaveUp = try #require(try await OutboxMessage.find(temporary.id, on: app.db))
            #expect(gaveUp.status == .failed && gaveUp.attempts == OutboxSender.backoff.count + 1)
            let staff = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
            let page = try await staff.get(SiteRoute.outbox.path)
            #expect(page.text.contains("Mislukt: 2") && page.text.contains("o…@example.nl") && !page.text.contains("ouder@example.nl"))
            #expect(
                page.text.contains("De mailserver weigerde de mail (550 no such user)"), "the reason in the reader's language, the server's words as detail")
        }
    }

    /// Refuses the youth's address for good and fails the parent's for now.
    struct RefusingTransport: MailTransport {
        func send(_ message: String, from: String, to: String, messageID: String) async throws {
            throw MailSendError(isPermanent: to.hasPrefix("jongere"), reason: .refused, detail: to.hasPrefix("jongere") ? "550 no such user" : "421 try later")
        }
    }
}

@Suite("Anonymity of invited respondents")
struct InvitationAnonymityTests {
    /// DESIGN §4.1: from a copy of the database no response can be joined to a person. The test
    /// looks at the stored rows the way someone with the copy would.
    @Test(arguments: TestDatabase.all)
    func noStoredValueLinksAResponseToItsInvitation(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, _ in
            try await openExitQuestionnaires(app)
            _ = try await makeTeam(app, name: "Team Noord")
            let token = try await makeApiToken(app)
            for number in 1...3 {
                _ = try await callApi(
                    app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token,
                    json: familyClosure(reference: "Z-\(number)", team: "Team Noord", parentEmail: "ouder\(number)@example.nl"))
            }
            try await MailWorker.runOnce(app)
            for mail in try readMails(folder) where mail.to.hasPrefix("ouder") {
                let link = try #require(mail.token)
                try await answerSampleQuestionnaire(app, invitationLink: link)
            }
            let sql = try #require(app.db as? any SQLDatabase)
            let responseColumns = try await columns(of: "responses", sql)
            #expect(
                responseColumns
                    == ["id", "version_id", "submitted_on", "language", "channel", "respondent_role", "team_id", "age_band", "answer_line", "mix"]
                    .sorted(), "mix is a random number that only hides the order of arrival")
            let responses = try await SurveyResponse.query(on: app.db).all()
            #expect(responses.count == 3)
            #expect(responses.allSatisfy { CalendarDay($0.submittedOn) != nil }, "a day, never a time")
            // Nothing any other table holds names a response, and nothing a response holds names
            // an invitation, link, closure, draft or mail.
            let responseIDs = Set(responses.compactMap { $0.id?.uuidString.lowercased() })
            for table in ["invitations", "invitation_links", "trajectory_closures", "response_drafts", "outbox_messages", "audit_events"] {
                for value in try await allValues(of: table, sql) {
                    #expect(!responseIDs.contains(value.lowercased()), "\(table) holds a response id")
                }
            }
            var personal: Set<String> = []
            for table in ["invitations", "invitation_links", "trajectory_closures", "response_drafts", "outbox_messages"] {
                personal.formUnion(
                    try await allValues(
                        of: table, sql,
                        except: ["team_id", "questionnaire_id", "respondent_role", "language", "version_id", "age_band", "kind", "status", "source"]))
            }
            for table in ["responses", "response_answers"] {
                for value in try await allValues(of: table, sql) where value.count > 8 {
                    #expect(!personal.contains(value), "\(table) holds \(value), which an invitation table also holds")
                }
            }
        }
    }

    private func columns(of table: String, _ sql: any SQLDatabase) async throws -> [String] {
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM pragma_table_info(\(bind: table))"
            : "SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()"
        return try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }.sorted()
    }

    /// Every non-null value of a table, as text.
    private func allValues(of table: String, _ sql: any SQLDatabase, except: Set<String> = []) async throws -> Set<String> {
        var values: Set<String> = []
        let names = try await columns(of: table, sql).filter { !except.contains($0) }
        for name in names {
            let cast: SQLQueryString = sql.dialect.name == "sqlite" ? "CAST(\(ident: name) AS TEXT)" : "\(ident: name)::text"
            let rows = try await sql.raw("SELECT \(cast) AS v FROM \(ident: table) WHERE \(ident: name) IS NOT NULL").all()
            for row in rows { if let value = try row.decode(column: "v", as: String?.self) { values.insert(value) } }
        }
        return values
    }
}

@Suite("API description")
struct OpenAPITests {
    @Test func theDocumentDescribesExactlyTheRegisteredApiRoutes() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let response = try await Browser(app).get(SiteRoute.openAPIDocument.path)
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var described: Set<String> = []
            for (path, operations) in paths {
                for (method, operation) in operations {
                    described.insert("\(method.uppercased()) \(path)")
                    let entry = try #require(operation as? [String: Any])
                    #expect(entry["security"] != nil && entry["responses"] != nil, "\(method) \(path)")
                }
            }
            let registered = Set(
                app.routes.all.compactMap { route -> String? in
                    guard let declaration = route.declaration, case .apiClient = declaration.access else { return nil }
                    return "\(route.method.rawValue) \(declaration.route.openAPIPath)"
                })
            #expect(registered.count == 10)
            #expect(described == registered)
        }
    }

    @Test func questionnairesCanBeCreatedOpenedAndReadThroughTheApi() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let token = try await makeApiToken(app)
            let document = String(decoding: try JSONEncoder().encode(sampleQuestionnaire), as: UTF8.self)
            let created = try await callApi(app, .POST, SiteRoute.apiQuestionnaires.path, token: token, json: document)
            #expect(created.status == .created)
            let summary = try JSONDecoder().decode(QuestionnairesApi.Summary.self, from: Data(created.body.readableBytesView))
            #expect(!summary.isOpen && summary.version == 1)
            let opened = try await callApi(app, .POST, SiteRoute.apiQuestionnaireOpen(id: summary.id).path, token: token)
            #expect(opened.text.contains("\"isOpen\":true"))
            let read = try await callApi(app, .GET, SiteRoute.apiQuestionnaire(id: summary.id).path, token: token)
            #expect(read.text.contains("\"key\":\"proef\""))
            let invalid = try await callApi(app, .POST, SiteRoute.apiQuestionnaires.path, token: token, json: #"{"key": "x", "pages": 3}"#)
            #expect(invalid.status == .unprocessableEntity && invalid.text.contains("\"pointer\":\"/pages\""))
            let missing = try await callApi(app, .GET, SiteRoute.apiQuestionnaire(id: UUID()).path, token: token)
            #expect(missing.status == .notFound && missing.headers.first(name: .contentType) == "application/problem+json")
        }
    }
}
