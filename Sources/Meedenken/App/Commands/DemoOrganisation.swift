import Fluent
import MeedenkenCore
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
    ]

    static func fill(_ database: any Database, hashing: PasswordHashing, pool: NIOThreadPool, now: Date) async throws {
        let hash = try await hashing.hash(password, on: pool)
        try await database.transaction { database in
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
    ]

    /// The starter questionnaires, the three exit questionnaires open.
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

    static func loginHelp(base: String) -> String {
        var lines = ["Demo organisation. Log in at \(base)\(SiteRoute.login.path) as one of:"]
        for person in people { lines.append("  \(person.email)  (\(person.role.rawValue))") }
        lines.append("Password: \(password)")
        lines.append("Two-step code: any authenticator app with secret \(totpSecret), or `oathtool --totp -b \(totpSecret)`")
        for link in openLinks.values.sorted() { lines.append("Answer a demo questionnaire: \(base)\(SiteRoute.answerStart(link: link).path)") }
        return lines.joined(separator: "\n")
    }
}
