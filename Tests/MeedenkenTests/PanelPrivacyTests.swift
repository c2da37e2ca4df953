import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// Issue 16: "Mijn gegevens" (see, change, pause, download, delete) and the retention job, each
/// checked as someone holding a copy of the database would: after deletion no table holds the
/// person's address, name or id.
@Suite("Denk mee: my data and retention")
struct PanelPrivacyTests {
    /// Signs someone up and confirms; returns their "Mijn gegevens" link and id.
    static func member(_ app: Application, email: String, name: String = "Robin") async throws -> (link: String, id: UUID) {
        let browser = Browser(app)
        _ = try await browser.post(SiteRoute.panelSignUp.path, PanelSignUpTests.fields(name: name, email: email))
        let confirm = try #require(try await PanelSignUpTests.mails(app).last { $0.to == email }?.link)
        _ = try await browser.post(confirm)
        let link = try #require(try await PanelSignUpTests.mails(app).last { $0.to == email && $0.kind == "panel_welcome" }?.link)
        let id = try #require(try await PanelMember.query(on: app.db).filter(\.$email == email).first()?.id)
        return (link, id)
    }

    @Test(arguments: TestDatabase.all)
    func aMemberSeesChangesPausesAndDownloadsTheirData(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let (link, _) = try await Self.member(app, email: "robin@voorbeeld.nl")
            let browser = Browser(app)
            let page = try await browser.get(link)
            #expect(page.status == .ok && page.text.contains("robin@voorbeeld.nl") && page.text.contains("Robin"))
            #expect(page.headers.first(name: .cacheControl) == "no-store")
            let saved = try await browser.post(
                link, [("action", "save"), ("firstName", "Rob"), ("phone", ""), ("language", "en"), ("ways[]", "one_off"), ("frequency", "91")])
            #expect(saved.status == .ok)
            var member = try #require(try await PanelMember.query(on: app.db).first())
            #expect(member.firstName == "Rob" && member.language == "en" && member.ways == "one_off" && member.frequencyDays == 91)
            // Bad input: a message, nothing changed, what was typed kept.
            let bad = try await browser.post(link, [("action", "save"), ("firstName", "Rob"), ("frequency", "1")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("value=\"Rob\""))
            _ = try await browser.post(link, [("action", "pause")])
            member = try #require(try await PanelMember.query(on: app.db).first())
            #expect(member.status == .paused)
            let download = try await browser.get(link + "/download")
            #expect(download.status == .ok && download.headers.contentType == .json)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(download.text.utf8)) as? [String: Any])
            #expect(json["email"] as? String == "robin@voorbeeld.nl" && json["status"] as? String == "paused")
            #expect((json["consents"] as? [[String: Any]])?.count == 1)
            // An unknown link says how to get a new one, never a 500.
            let unknown = try await browser.get(SiteRoute.myData(token: "onbekend").path)
            #expect(unknown.status == .notFound && unknown.text.contains("Vraag een nieuwe link"))
        }
    }

    @Test(arguments: TestDatabase.all)
    func deletingTheMembershipLeavesNoTraceInAnyTable(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, _ in
            let (link, id) = try await Self.member(app, email: "weg@voorbeeld.nl", name: "Wegwezen")
            let before = try await tablesHolding(["weg@voorbeeld.nl", id.uuidString], in: app)
            #expect(before["panel_members"] != nil, "the check finds the member while they are there")
            #expect(try sqliteFilesHolding(["weg@voorbeeld.nl"], in: app).isEmpty == (database == .postgres), "and so does the file check")
            // A panel questionnaire was on its way to them (and four others: no fewer are asked).
            try await setMinimumGroupSize(app, 5)
            for index in 0..<4 { try await makePanelMember(app, name: "Ander\(index)") }
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            let questionnaire = try #require(try await Questionnaire.find(parentQuestionnaire, on: app.db))
            _ = try await PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: app.clock.now())
                .send(questionnaire, to: PanelSegment(), sampleSize: nil)
            #expect(try await Invitation.query(on: app.db).count() == 5)
            // They began it: a draft holds their first answer.
            try await MailWorker.runOnce(app)
            let token = try #require(try readMails(folder).filter { $0.to == "weg@voorbeeld.nl" }.compactMap(\.token).first)
            let answering = Browser(app)
            try await answering.post(SiteRoute.invitationStart(token: token).path)
            try await answering.post(SiteRoute.invitationPage(token: token).path, [("pagina", "p1"), ("getoond", "cijfer"), ("a-cijfer", "8")])
            #expect(try await ResponseDraft.query(on: app.db).count() == 1)
            // One press asks "are you sure?" and deletes nothing; the second deletes.
            let asked = try await Browser(app).post(link + "/verwijderen")
            #expect(asked.status == .ok && asked.text.contains("Weet je het zeker"))
            #expect(try await PanelMember.find(id, on: app.db) != nil)
            let deleted = try await Browser(app).post(link + "/verwijderen", [("zeker", "ja")])
            #expect(deleted.status == .ok && deleted.text.contains("verwijderd"))
            // The invitation not yet answered is gone with them: no mail, no reminder, no address.
            #expect(try await Invitation.query(on: app.db).count() == 4)
            #expect(try await ResponseDraft.query(on: app.db).count() == 0, "nor their half-filled questionnaire")
            let after = try await tablesHolding(
                ["weg@voorbeeld.nl", "Wegwezen", id.uuidString, Invitation.hash(email: "weg@voorbeeld.nl"), PanelMember.hash(email: "weg@voorbeeld.nl")],
                in: app)
            #expect(after.isEmpty, "\(after)")
            // Nor in the files themselves: free pages were zeroed and the log was emptied.
            #expect(try sqliteFilesHolding(["weg@voorbeeld.nl", "Wegwezen"], in: app).isEmpty)
            // Only the anonymous month counts remain: one joined, one left.
            let counts = try await Store(app.db).panelMonthCounts()
            #expect(counts.map(\.joined).reduce(0, +) == 1 && counts.map(\.left).reduce(0, +) == 1)
            // The old link no longer opens anything.
            #expect(try await Browser(app).get(link).status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theRetentionJobDeletesWhatIsNoLongerNeededAfterTheClockMoves(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            // One confirmed member, one who never confirmed.
            let (_, memberID) = try await Self.member(app, email: "blijft@voorbeeld.nl")
            _ = try await Browser(app).post(SiteRoute.panelSignUp.path, PanelSignUpTests.fields(name: "Nooit", email: "nooit@voorbeeld.nl"))
            let neverID = try #require(try await PanelMember.query(on: app.db).filter(\.$email == "nooit@voorbeeld.nl").first()?.id)
            let retention = { try await Retention(app, now: clock.now).run() }
            var counts = try await retention()
            #expect(counts["unconfirmed_signups"] == 0)
            clock.advance(by: 73 * 3600)
            counts = try await retention()
            #expect(counts["unconfirmed_signups"] == 1)
            #expect(try await tablesHolding(["nooit@voorbeeld.nl", neverID.uuidString], in: app).isEmpty)
            #expect(try await PanelMember.find(memberID, on: app.db) != nil)
            // Consent runs for two years: a month before, one renewal mail; at the end, removal.
            clock.advance(by: (365 * 2 - 20) * 86_400)
            counts = try await retention()
            #expect(counts["renewal_mails"] == 1)
            #expect(try await PanelSignUpTests.mails(app).contains { $0.kind == "panel_renewal" && $0.to == "blijft@voorbeeld.nl" })
            #expect(try await retention()["renewal_mails"] == 0, "one renewal mail, not one a day")
            clock.advance(by: 30 * 86_400)
            counts = try await retention()
            #expect(counts["expired_members"] == 1)
            #expect(try await tablesHolding(["blijft@voorbeeld.nl", memberID.uuidString], in: app).isEmpty)
            // Each run is logged with counts only.
            let runs = try await RetentionRun.query(on: app.db).all()
            #expect(runs.count == 5 && runs.allSatisfy { !$0.counts.contains("@") })
        }
    }

    /// Renewing follows today's age rule: a youth still under 16 asks a parent, whose mail confirms.
    @Test(arguments: TestDatabase.all)
    func aYouthUnderSixteenRenewsThroughAParent(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let born = String(PanelSignUpTests.year(app, clock) - 14)
            let browser = Browser(app)
            _ = try await browser.post(
                SiteRoute.panelSignUp.path,
                PanelSignUpTests.fields(name: "Fenna", email: "fenna@voorbeeld.nl", role: "youth", birthYear: born, parentEmail: "pa@voorbeeld.nl"))
            _ = try await browser.post(try #require(try await PanelSignUpTests.mails(app).last?.link))
            _ = try await Browser(app).post(try #require(try await PanelSignUpTests.mails(app).last?.link))
            let link = try #require(try await PanelSignUpTests.mails(app).last { $0.kind == "panel_welcome" }?.link)
            let alone = try await browser.post(link, [("action", "renew")])
            #expect(alone.status == .unprocessableEntity && alone.text.contains("e-mailadres van een ouder"))
            #expect(try await PanelConsent.query(on: app.db).count() == 1)
            let asked = try await browser.post(link, [("action", "renew"), ("parentEmail", "pa@voorbeeld.nl")])
            #expect(asked.status == .ok && asked.text.contains("We hebben je ouder een e-mail gestuurd"))
            let parentMail = try #require(try await PanelSignUpTests.mails(app).last)
            #expect(parentMail.to == "pa@voorbeeld.nl" && parentMail.kind == "panel_parent_confirm")
            _ = try await Browser(app).post(try #require(parentMail.link))
            let consents = try await PanelConsent.query(on: app.db).sort(\.$agreedAt).all()
            #expect(consents.map(\.givenBy) == [.parent, .parent])
            #expect(try await PanelMember.query(on: app.db).first()?.parentEmail == nil)
            // Pressing "pause" twice shows the page, never the form's errors.
            _ = try await browser.post(link, [("action", "pause")])
            let again = try await browser.post(link, [("action", "pause")])
            #expect(again.status == .ok && !again.text.contains("Vul je voornaam"))
        }
    }

    /// Asking for a new link: the page is the same for a known and an unknown address, and only
    /// the known one gets a mail, with its own link.
    @Test(arguments: TestDatabase.all)
    func askingForANewLinkRevealsNothingAboutTheAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            _ = try await Self.member(app, email: "bekend@voorbeeld.nl")
            let before = try await PanelSignUpTests.mails(app).count
            let known = try await Browser(app).post(SiteRoute.myDataLink.path, [("email", "bekend@voorbeeld.nl")])
            let unknown = try await Browser(app).post(SiteRoute.myDataLink.path, [("email", "onbekend@voorbeeld.nl")])
            #expect(known.status == .ok && unknown.status == .ok)
            let message = "Als dit e-mailadres bij ons bekend is"
            #expect(known.text.contains(message) && unknown.text.contains(message))
            let mails = try await PanelSignUpTests.mails(app)
            #expect(mails.count == before + 1)
            #expect(mails.last?.to == "bekend@voorbeeld.nl" && mails.last?.kind == "panel_manage_link")
            #expect(mails.last?.link?.hasPrefix("/mijn-gegevens/") == true)
            let bad = try await Browser(app).post(SiteRoute.myDataLink.path, [("email", "geen adres")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("value=\"geen adres\""))
        }
    }

    /// Retention forgets the addresses of invitations that are done.
    @Test(arguments: TestDatabase.all)
    func retentionForgetsTheAddressesOfInvitationsThatAreDone(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            for (index, completed) in [true, false].enumerated() {
                let invitation = Invitation(
                    questionnaireID: parentQuestionnaire, closureID: nil, teamID: nil, respondentRole: "parent", ageBand: nil, language: "nl",
                    email: "klaar\(index)@voorbeeld.nl", sendAfter: clock.now, createdAt: clock.now)
                invitation.completed = completed
                invitation.expiresAt = clock.now.addingTimeInterval(30 * 86_400)
                try await invitation.create(on: app.db)
            }
            let counts = try await Retention(app, now: clock.now).run()
            #expect(counts["invitation_addresses"] == 1)
            #expect(try await tablesHolding(["klaar0@voorbeeld.nl"], in: app).isEmpty)
            #expect(try await Invitation.query(on: app.db).filter(\.$email == "klaar1@voorbeeld.nl").count() == 1, "still needed")
        }
    }
}
