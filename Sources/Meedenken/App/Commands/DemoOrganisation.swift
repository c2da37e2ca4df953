import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// A small demo organisation for trying Meedenken out: three regions, six teams, and a staff
/// member of every role, all with one demo password and one demo authenticator secret.
enum DemoOrganisation {
    static let password = "meedenken-demo"
    /// Demo staff share this TOTP secret so a newcomer can log in with any authenticator app,
    /// or with `oathtool --totp -b <secret>`.
    static let totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

    static let regions: [(String, [String])] = [
        ("Noord", ["Team Groningen", "Team Drenthe"]),
        ("Midden", ["Team Utrecht Stad", "Team Amersfoort"]),
        ("Zuid", ["Team Eindhoven", "Team Den Bosch"]),
    ]

    static let people: [(email: String, name: String, role: Role, team: String?)] = [
        ("beheerder@demo.meedenken.nl", "Anna Beheer", .administrator, nil),
        ("coordinator@demo.meedenken.nl", "Chris Coördinator", .coordinator, nil),
        ("onderzoeker@demo.meedenken.nl", "Olga Onderzoek", .researcher, nil),
        ("teammanager@demo.meedenken.nl", "Tim Teamleider", .teamManager, "Team Groningen"),
        ("gespreksleider@demo.meedenken.nl", "Gert Gespreksleider", .moderator, nil),
        ("secretaris@demo.meedenken.nl", "Sara Secretaris", .councilSecretary, nil),
        ("raadslid@demo.meedenken.nl", "Rik Raadslid", .councilMember, nil),
        ("jeugdbeschermer@demo.meedenken.nl", "Jamal Jeugdbeschermer", .caseworker, nil),
    ]

    static func fill(_ database: any Database, hashing: PasswordHashing, pool: NIOThreadPool, organisationName: String, now: Date) async throws {
        let hash = try await hashing.hash(password, on: pool)
        try await database.transaction { database in
            // The help boxes on every respondent page point somewhere real-looking, and the
            // accessibility page names a contact that exists.
            let settings = try await OrganisationSettings.current(on: database, defaultName: organisationName, now: now)
            settings.contactURL = "https://www.jeugdzorgvoorbeeld.nl/contact"
            settings.complaintsURL = "https://www.jeugdzorgvoorbeeld.nl/klachten"
            settings.confidentialAdviserURL = "https://www.akj.nl"
            settings.privacyStatement =
                "Wat je invult in Meedenken gebruiken we alleen om onze hulp beter te maken. Je antwoorden zijn anoniem: "
                + "we weten niet wie wat invulde, en we laten nooit cijfers zien van groepen kleiner dan 10 mensen. "
                + "Je e-mailadres bewaren we alleen zo lang als nodig is om je uit te nodigen."
            try await settings.save(on: database)
            var teams: [String: Team] = [:]
            for (regionName, teamNames) in regions {
                let region = Region(name: regionName, createdAt: now)
                try await region.create(on: database)
                for teamName in teamNames {
                    let team = Team(name: teamName, regionID: try region.requireID(), createdAt: now)
                    try await team.create(on: database)
                    teams[teamName] = team
                }
            }
            for person in people {
                let user = StaffUser(email: person.email, displayName: person.name, role: person.role, language: .dutch, createdAt: now)
                user.passwordHash = hash
                user.totpSecret = totpSecret
                try await user.create(on: database)
                if let team = person.team.flatMap({ teams[$0] }) { try await user.$teams.attach(team, on: database) }
            }
        }
    }

    /// Open links of the demo, fixed so they can be printed and tried.
    static let openLinks = [
        "einde-begeleiding-ouders": "demo-ouders", "einde-begeleiding-jongeren": "demo-jongeren", "einde-begeleiding-kinderen": "demo-kinderen",
        "einde-begeleiding-pleegouders": "demo-pleegouders",
    ]

    /// The starter questionnaires, the four exit questionnaires open.
    static func addQuestionnaires(_ app: Application, now: Date) async throws {
        let store = QuestionnaireStore(database: app.db)
        for definition in try QuestionnaireStore.starterDefinitions(in: app) {
            let imported = try await store.save(definition, now: now)
            if let link = openLinks[definition.key] {
                imported.questionnaire.openLinkKey = link
                imported.questionnaire.isOpen = true
                try await imported.questionnaire.save(on: app.db)
            }
        }
    }

    /// Made-up responses so the results pages have something to show: exit questionnaires over
    /// the last fifteen months, and two waves of the satisfaction survey to compare. The youths'
    /// questionnaire has few, so small-group suppression shows too.
    static func addResponses(_ app: Application, now: Date) async throws {
        let teams = try await Team.query(on: app.db).sort(\.$name).all().map { try $0.requireID() }
        let fifteenMonths = 456
        let plans: [(key: String, count: Int, days: Int, tilt: Double)] = [
            ("einde-begeleiding-ouders", 600, fifteenMonths, 0), ("einde-begeleiding-jongeren", 90, fifteenMonths, 0),
            ("clienttevredenheid", 450, 60, 0.05),
        ]
        for (index, plan) in plans.enumerated() {
            guard let questionnaire = try await Questionnaire.query(on: app.db).filter(\.$key == plan.key).first(),
                let version = try await QuestionnaireStore.latestVersion(of: try questionnaire.requireID(), on: app.db)
            else { continue }
            try await SyntheticResponses(versionID: try version.requireID(), definition: try version.definition(), calendar: app.calendar).insert(
                .init(
                    count: plan.count, teams: teams, firstDay: now.addingTimeInterval(-Double(plan.days) * 86_400), days: plan.days,
                    seed: UInt64(index + 1), tilt: plan.tilt), on: app.db)
        }
        // The parents' exit questionnaire is published on the public site.
        if let parents = try await Questionnaire.query(on: app.db).filter(\.$key == "einde-begeleiding-ouders").first() {
            try await ResultPublication(questionnaireID: try parents.requireID(), publishedAt: now).create(on: app.db)
        }
        // The previous wave of the satisfaction survey: the same questions, two years earlier.
        guard var previous = try QuestionnaireStore.starterDefinitions(in: app).first(where: { $0.key == "clienttevredenheid" }) else { return }
        previous.key = "clienttevredenheid-vorige-meting"
        previous.title = LocalizedText(nl: previous.title.text("nl") + " (vorige meting)", en: previous.title.text("en") + " (previous wave)")
        let saved = try await QuestionnaireStore(database: app.db).save(previous, now: now)
        try await SyntheticResponses(versionID: try saved.version.requireID(), definition: previous, calendar: app.calendar).insert(
            .init(
                count: 400, teams: teams, firstDay: now.addingTimeInterval(-760 * 86_400), days: 60, seed: 99, tilt: -0.02), on: app.db)
        // Its report shows the changes since that wave.
        if let current = try await Questionnaire.query(on: app.db).filter(\.$key == "clienttevredenheid").first() {
            try await PreviousWave(questionnaireID: try current.requireID(), previousID: try saved.questionnaire.requireID(), setAt: now).create(on: app.db)
        }
    }

    static func loginHelp(base: String) -> String {
        var lines = ["Demo organisation. Log in at \(base)\(SiteRoute.login.path) as one of:"]
        for person in people { lines.append("  \(person.email)  (\(person.role.rawValue))") }
        lines.append("Password: \(password)")
        lines.append("Two-step code: any authenticator app with secret \(totpSecret), or `oathtool --totp -b \(totpSecret)`")
        for link in openLinks.values.sorted() { lines.append("Answer a demo questionnaire: \(base)\(SiteRoute.answerStart(link: link).path)") }
        return lines.joined(separator: "\n")
    }
}
