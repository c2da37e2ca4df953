import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// A confirmed member written straight to the database (the sign-up itself is tested apart).
@discardableResult
func makePanelMember(
    _ app: Application, name: String = "Lid", role: PanelRole = .parent, birthYear: Int? = nil, lastAsked: Date? = nil, frequencyDays: Int? = nil,
    status: PanelMember.Status = .active
) async throws -> PanelMember {
    let member = PanelMember()
    let email = "\(name.lowercased())-\(UUID().uuidString.prefix(8).lowercased())@voorbeeld.nl"
    member.firstName = name
    member.email = email
    member.emailHash = PanelMember.hash(email: email)
    member.role = role.rawValue
    member.birthYear = birthYear
    member.language = "nl"
    member.ways = "panel"
    member.topics = "informatie"
    member.needs = ""
    member.status = status
    member.consentRule = "own"
    member.source = .themselves
    member.lastAskedAt = lastAsked
    member.frequencyDays = frequencyDays
    member.createdAt = app.clock.now()
    // Confirmed two months ago: counts-only pages count members as at the start of the month.
    member.confirmedAt = app.clock.now().addingTimeInterval(-60 * 86_400)
    member.consentExpiresAt = app.clock.now().addingTimeInterval(700 * 86_400)
    member.updatedAt = app.clock.now()
    try await member.create(on: app.db)
    return member
}

/// Sets the organisation's minimum group size (the floor is 5).
func setMinimumGroupSize(_ app: Application, _ minimum: Int) async throws {
    let settings = try await OrganisationSettings.current(on: app.db, defaultName: app.config.organisationName, now: app.clock.now())
    settings.minimumGroupSize = minimum
    try await settings.save(on: app.db)
}

/// Issue 16: the panel for staff. Coordinators see members and send; everyone else sees counts
/// with small groups hidden; caseworkers propose and see nothing afterwards.
@Suite("The panel for staff")
struct PanelStaffTests {
    @Test(arguments: TestDatabase.all)
    func aTeamManagerSeesCountsOnlyAndSmallGroupsHidden(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            for index in 0..<12 { try await makePanelMember(app, name: "Ouder\(index)") }
            for index in 0..<3 { try await makePanelMember(app, name: "Jongere\(index)", role: .youth, birthYear: 2010) }
            // Confirmed this month: not in the counts until next month.
            let recent = try await makePanelMember(app, name: "Nieuw")
            recent.confirmedAt = app.clock.now()
            try await recent.save(on: app.db)
            let manager = try await makeUser(app, role: .teamManager, secondFactor: false)
            let browser = try await signedInBrowser(app, as: manager)
            let page = try await browser.get(SiteRoute.panel.path)
            #expect(page.status == .ok && page.text.contains("15"))
            #expect(!page.text.contains("Ouder0") && !page.text.contains("@voorbeeld.nl"))
            // Three youths are hidden, and so is the parents' 12 (else 15 − 12 gives the 3 away).
            let roles = try #require(page.firstMatch(#"<h2>Ik ben</h2>(.*?)</table>"#))
            #expect(!roles.contains(">3<") && !roles.contains(">12<") && roles.contains("minder dan 10"))
            // Filters are not offered, nor honoured: a filtered count could be subtracted.
            let filtered = try await browser.get(SiteRoute.panel.path([.panelFilter(name: SiteQuery.Name.panelRole, value: "youth")]))
            #expect(!filtered.text.contains(">3<"))
            let someone = try #require(try await PanelMember.query(on: app.db).first()?.id)
            #expect(try await browser.get(SiteRoute.panelMember(id: someone).path).status == .forbidden)
            #expect(try await browser.get(SiteRoute.panelExport.path).status == .forbidden)
            // Two parents leave: the counts stand as they were this month (a second look cannot
            // be set beside the first to see who left), and move on next month.
            let total = #"<h2>Totaal</h2>(.*?)</table>"#
            let before = try #require(page.firstMatch(total))
            for name in ["Ouder1", "Ouder2"] { try await PanelMember.query(on: app.db).filter(\.$firstName == name).delete() }
            let again = try await browser.get(SiteRoute.panel.path)
            #expect(again.firstMatch(total) == before && again.firstMatch(#"<h2>Ik ben</h2>(.*?)</table>"#) == roles)
            clock.advance(by: 32 * 86_400)
            let nextMonth = try await signedInBrowser(app, as: manager).get(SiteRoute.panel.path)
            #expect(try #require(nextMonth.firstMatch(total)).contains("14"))
        }
    }

    @Test func smallCountsHideTheCellAndOneThatWouldGiveItAway() {
        #expect(SmallCounts.breakdown([3, 12, 0], minimum: 10) == [nil, nil, 0])
        // Two hidden cells of 3 and 4 would give away a group of 7 together: one more goes.
        #expect(SmallCounts.breakdown([3, 4, 20], minimum: 10) == [nil, nil, nil])
        #expect(SmallCounts.breakdown([3, 4, 20, 30], minimum: 10) == [nil, nil, nil, 30])
        #expect(SmallCounts.breakdown([10, 12], minimum: 10) == [10, 12])
        #expect(SmallCounts.breakdown([2, 3], minimum: 10) == [nil, nil])
        // The floor of five holds whatever the setting.
        let floored = SmallCounts.breakdown([4, 30, 30], minimum: 1)
        #expect(floored[0] == nil && floored.filter { $0 == nil }.count == 2)
    }

    @Test(arguments: TestDatabase.all)
    func aCoordinatorFiltersASegmentAndEveryLookIsLogged(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let anna = try await makePanelMember(app, name: "Anna")
            try await makePanelMember(app, name: "Bram", role: .youth, birthYear: 2012)
            try await makePanelMember(app, name: "Cato", status: .unconfirmed)
            let coordinator = try await makeUser(app, role: .coordinator)
            let browser = try await signedInBrowser(app, as: coordinator)
            let all = try await browser.get(SiteRoute.panel.path)
            #expect(all.text.contains("Anna") && all.text.contains("Bram") && !all.text.contains("Cato"), "unconfirmed sign-ups are not members")
            let youths = try await browser.get(SiteRoute.panel.path([.panelFilter(name: SiteQuery.Name.panelRole, value: "youth")]))
            #expect(youths.text.contains("Bram") && !youths.text.contains("Anna"))
            #expect(try await auditActions(app).filter { $0 == .panelMembersViewed }.count == 2)
            let export = try await browser.get(SiteRoute.panelExport.path)
            #expect(export.status == .ok && export.text.contains("anna-") && export.text.contains("bram-"))
            #expect(try await auditActions(app).contains(.panelContactsExported))
            // Anna asks by phone to be deleted: the coordinator does it from her page, logged.
            let annaID = try anna.requireID()
            let deleted = try await browser.post(SiteRoute.panelMemberDelete(id: annaID).path)
            #expect(deleted.status == .seeOther)
            #expect(try await PanelMember.find(annaID, on: app.db) == nil)
            // Her address is gone from every table; the log keeps only the member's id.
            #expect(try await tablesHolding([anna.email], in: app).isEmpty)
            #expect(try await auditActions(app).contains(.panelMemberDeleted))
        }
    }

    /// The cap is enforced when sending: members asked too recently (by the organisation's four
    /// weeks or their own lower frequency) are left out and counted; a sample is drawn with a
    /// recorded seed; an anonymous questionnaire's invitation is the usual one.
    @Test(arguments: TestDatabase.all)
    func sendingRespectsTheCapAndRecordsTheSeed(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            try await setMinimumGroupSize(app, 5)
            let now = clock.now
            for index in 0..<8 { try await makePanelMember(app, name: "Vrij\(index)") }
            try await makePanelMember(app, name: "Recent", lastAsked: now.addingTimeInterval(-10 * 86_400))
            try await makePanelMember(app, name: "Zelfgekozen", lastAsked: now.addingTimeInterval(-40 * 86_400), frequencyDays: 91)
            try await makePanelMember(app, name: "Pauze", status: .paused)
            try await makePanelMember(app, name: "Jong", role: .youth, birthYear: 2012)
            let coordinator = try await makeUser(app, role: .coordinator)
            let browser = try await signedInBrowser(app, as: coordinator)
            // A sample smaller than the minimum group size is refused (its response would name people).
            let tooSmall = try await browser.post(SiteRoute.panelSend.path, [("questionnaire", parentQuestionnaire.uuidString), ("sampleSize", "3")])
            #expect(tooSmall.status == .unprocessableEntity && tooSmall.text.contains("5 of meer"))
            let sent = try await browser.post(SiteRoute.panelSend.path, [("questionnaire", parentQuestionnaire.uuidString), ("sampleSize", "5")])
            #expect(sent.status == .ok)
            let record = try #require(try await PanelSend.query(on: app.db).first())
            #expect(record.inSegment == 11 && record.overCap == 2 && record.invited == 5 && record.sampleSize == 5 && record.poolSize == 8)
            #expect(sent.text.contains("Toevalsgetal: \(record.seed)"))
            let invitations = try await Invitation.query(on: app.db).filter(\.$questionnaire.$id == parentQuestionnaire).all()
            #expect(invitations.count == 5)
            let asked = try await PanelMember.query(on: app.db).filter(\.$lastAskedAt == now).all()
            #expect(Set(asked.map(\.email)) == Set(invitations.compactMap(\.email)))
            #expect(asked.allSatisfy { $0.firstName.hasPrefix("Vrij") })
            // The same seed draws the same people again (the draw can be shown to be fair).
            let eligible = try await PanelMember.query(on: app.db).filter(\.$firstName ~~ (0..<8).map { "Vrij\($0)" }).all().compactMap(\.id)
            #expect(SecureToken.hash(eligible.map(\.uuidString).sorted().joined(separator: "\n")) == record.poolDigest)
            let redrawn = PanelSample.draw(eligible.map(\.uuidString), size: 5, seed: try #require(UInt64(record.seed)))
            #expect(Set(redrawn) == Set(asked.compactMap { $0.id?.uuidString }))
            // Straight away again: everyone just asked is over the cap now, and the three left are
            // fewer than the minimum group size: nothing is sent, whether or not a sample is asked.
            for sample in ["", "5"] {
                let second = try await browser.post(
                    SiteRoute.panelSend.path, [("questionnaire", parentQuestionnaire.uuidString), ("sampleSize", sample)])
                #expect(second.status == .unprocessableEntity && second.text.contains("te weinig om iemands antwoorden anoniem te houden"))
            }
            #expect(try await Invitation.query(on: app.db).count() == 5)
            // Bad input: a message, nothing sent.
            let bad = try await browser.post(SiteRoute.panelSend.path, [("questionnaire", "geen"), ("sampleSize", "-4")])
            #expect(bad.status == .unprocessableEntity && bad.text.contains("Kies een open vragenlijst"))
            #expect(try await PanelSend.query(on: app.db).count() == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aCaseworkerProposesAndSeesNothingAfterwards(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let known = try await makePanelMember(app, name: "Bekend")
            let caseworker = try await makeUser(app, role: .caseworker, secondFactor: false)
            let browser = try await signedInBrowser(app, as: caseworker)
            let form = try await browser.get(SiteRoute.panelProposal.path)
            #expect(form.status == .ok)
            let fresh = try await browser.post(
                SiteRoute.panelProposal.path, [("firstName", "Kim"), ("email", "kim@voorbeeld.nl"), ("role", "parent"), ("language", "nl"), ("agreed", "on")])
            let again = try await browser.post(
                SiteRoute.panelProposal.path, [("firstName", "X"), ("email", known.email), ("role", "parent"), ("language", "nl"), ("agreed", "on")])
            #expect(fresh.status == .seeOther && again.location == fresh.location, "a known address looks the same")
            let proposed = try #require(try await PanelMember.query(on: app.db).filter(\.$email == "kim@voorbeeld.nl").first())
            #expect(proposed.status == .unconfirmed && proposed.source == .caseworker)
            #expect(try await PanelSignUpTests.mails(app).contains { $0.to == "kim@voorbeeld.nl" && $0.kind == "panel_confirm" })
            // Not a member until Kim confirms; and the caseworker's panel page is counts only.
            let panel = try await browser.get(SiteRoute.panel.path)
            #expect(!panel.text.contains("Kim") && !panel.text.contains("Bekend"))
            #expect(try await browser.get(SiteRoute.panelMember(id: try known.requireID()).path).status == .forbidden)
            let missing = try await browser.post(SiteRoute.panelProposal.path, [("firstName", "Kim"), ("email", "kim2@voorbeeld.nl"), ("role", "parent")])
            #expect(missing.status == .unprocessableEntity && missing.text.contains("Vraag eerst"))
        }
    }

    /// Panel health: each send's response rate, and the make-up beside the client population
    /// (entered as numbers) showing the group the panel is missing.
    @Test(arguments: TestDatabase.all)
    func healthShowsEachSendsResponseRateAndWhoIsMissing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            try await setMinimumGroupSize(app, 5)
            for index in 0..<6 { try await makePanelMember(app, name: "Ouder\(index)") }
            let coordinator = try await makeUser(app, role: .coordinator)
            let browser = try await signedInBrowser(app, as: coordinator)
            _ = try await browser.post(SiteRoute.panelSend.path, [("questionnaire", parentQuestionnaire.uuidString)])
            let send = try #require(try await PanelSend.query(on: app.db).first())
            let invitations = try await Invitation.query(on: app.db).filter(\.$panelSendID == send.id).all()
            #expect(invitations.count == 6)
            invitations[0].completed = true
            try await invitations[0].save(on: app.db)
            // By region too: a member who chose a region counts there.
            let region = try await makeTeam(app, name: "Team Oost").$region.get(on: app.db)
            let regionKey = "region:\(try region.requireID().uuidString)"
            let inRegion = try #require(try await PanelMember.query(on: app.db).first())
            inRegion.regionID = try region.requireID()
            try await inRegion.save(on: app.db)
            let saved = try await browser.post(
                SiteRoute.panelPopulation.path,
                [("role:youth", "300"), ("role:parent", "600"), ("role:foster_parent", "100"), ("age:adult", "zomaar"), (regionKey, "250")])
            #expect(saved.status == .seeOther)
            let page = try await browser.get(SiteRoute.panel.path)
            let sends = try #require(page.firstMatch(#"Verstuurde panelvragenlijsten(.*?)</table>"#))
            #expect(sends.contains("<td>6</td><td>1</td><td>17%</td>"))
            let youthRow = try #require(page.firstMatch(#"(<tr><th scope="row">Jongere.*?</tr>)"#))
            #expect(youthRow.contains("te weinig in het panel") && youthRow.contains("value=\"300\"") && youthRow.contains("30%"))
            let parentRow = try #require(page.firstMatch(#"(<tr><th scope="row">Ouder.*?</tr>)"#))
            #expect(!parentRow.contains("te weinig") && parentRow.contains("100%"))
            #expect(try await PanelPopulation.query(on: app.db).count() == 4, "a word is not a number: left out")
            let regionRow = try #require(page.firstMatch(#"(<tr><th scope="row">\#(region.name).*?</tr>)"#))
            #expect(regionRow.contains("<td>1</td>") && regionRow.contains("name=\"\(regionKey)\"") && regionRow.contains("value=\"250\""))
        }
    }

    /// A panel questionnaire's mail is to someone who signed up to think along (not "your care
    /// has ended"), in their language, and carries a working link to their own "Mijn gegevens"
    /// (every mail to a member does); a reminder does too, with a link of its own.
    @Test(arguments: TestDatabase.all)
    func aPanelMailSpeaksToAMemberAndOpensTheirOwnPage(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            try await setMinimumGroupSize(app, 5)
            for index in 0..<3 { try await makePanelMember(app, name: "Lid\(index)") }
            let dutch = try await makePanelMember(app, name: "Anna")
            let english = try await makePanelMember(app, name: "Bob")
            english.language = "en"
            try await english.save(on: app.db)
            let questionnaire = try #require(try await Questionnaire.find(parentQuestionnaire, on: app.db))
            let outcome = try await PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: clock.now)
                .send(questionnaire, to: PanelSegment(), sampleSize: nil)
            #expect(outcome.invited == 5)
            try await MailWorker.runOnce(app)
            let mails = try readMails(folder)
            let toAnna = try #require(mails.first { $0.to == dutch.email })
            let toBob = try #require(mails.first { $0.to == english.email })
            #expect(toAnna.body.contains("aangemeld om mee te denken") && !toAnna.body.contains("afgesloten"))
            #expect(toBob.body.contains("signed up to think along") && !toBob.body.contains("closed"))
            for (mail, member) in [(toAnna, dutch), (toBob, english)] {
                let path = try #require(mail.body.firstMatch(of: #/http://127\.0\.0\.1:8080(/mijn-gegevens/[A-Za-z0-9_-]+)/#)).1
                let page = try await Browser(app).get(String(path))
                #expect(page.status == .ok && page.text.contains(member.email))
                #expect(mail.token != nil, "and the questionnaire's own link")
            }
            // A week later, unanswered: the reminder says the same kind of thing, with a new link.
            clock.advance(by: TimeInterval(app.config.reminderIntervalDays + 1) * 86_400)
            try await MailWorker.runOnce(app)
            let reminder = try #require(try readMails(folder).filter { $0.to == dutch.email }.first { $0.body.contains("Een tijdje geleden") })
            #expect(reminder.body.contains("/mijn-gegevens/") && !reminder.body.contains("afgesloten"))
            let links = try await PanelLink.query(on: app.db).filter(\.$purpose == .manage).filter(\.$member.$id == dutch.requireID()).count()
            #expect(links == 2, "one link per mail, only its hash stored")
        }
    }

    /// A member who pauses (or leaves, or changes address) after a send is not mailed for it.
    @Test(arguments: TestDatabase.all)
    func aMemberWhoPausesAfterASendGetsNoMailForIt(database: TestDatabase) async throws {
        let folder = temporaryMailFolder()
        try await withMeedenken(database, environment: ["MEEDENKEN_MAIL_FOLDER": folder]) { app, clock in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            try await setMinimumGroupSize(app, 5)
            var members: [PanelMember] = []
            for index in 0..<5 { members.append(try await makePanelMember(app, name: "Lid\(index)")) }
            let questionnaire = try #require(try await Questionnaire.find(parentQuestionnaire, on: app.db))
            let outcome = try await PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: clock.now)
                .send(questionnaire, to: PanelSegment(), sampleSize: nil)
            #expect(outcome.invited == 5)
            members[0].status = .paused
            try await members[0].save(on: app.db)
            members[1].email = "nieuw-adres@voorbeeld.nl"
            members[1].emailHash = PanelMember.hash(email: members[1].email)
            try await members[1].save(on: app.db)
            try await MailWorker.runOnce(app)
            let mailed = Set(try readMails(folder).map(\.to))
            #expect(mailed == Set(members[2...].map(\.email)))
            let stopped = try await Invitation.query(on: app.db).filter(\.$unsubscribed == true).all()
            #expect(stopped.count == 2 && stopped.allSatisfy { $0.email == nil })
        }
    }

    /// Two sends at the same moment (a double click, two coordinators): each member is asked once.
    @Test(arguments: TestDatabase.all)
    func twoSendsAtOnceAskEachMemberOnce(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let (parentQuestionnaire, _) = try await openExitQuestionnaires(app)
            for index in 0..<12 { try await makePanelMember(app, name: "Lid\(index)") }
            let questionnaire = try #require(try await Questionnaire.find(parentQuestionnaire, on: app.db))
            let sending = PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: clock.now)
            async let first = sending.send(questionnaire, to: PanelSegment(), sampleSize: nil)
            async let second = PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: clock.now.addingTimeInterval(1))
                .send(questionnaire, to: PanelSegment(), sampleSize: nil)
            let outcomes = try await [first, second]
            #expect(outcomes.map(\.invited).reduce(0, +) == 12)
            let invitations = try await Invitation.query(on: app.db).all()
            #expect(invitations.count == 12 && Set(invitations.compactMap(\.email)).count == 12)
        }
    }
}
