import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken create-user --email … --name … --role …`, password on standard input (so it stays
/// out of the shell history and the process list).
struct CreateUserCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mail address to log in with.")
        var email: String?

        @Option(name: "name", help: "Name as colleagues know it.")
        var name: String?

        @Option(name: "role", help: "One of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String?

        @Option(name: "teams", help: "Comma-separated team names the user is limited to (required for team_manager).")
        var teams: String?

        @Option(name: "language", help: "nl (default) or en.")
        var language: String?
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    var help: String { "Creates a staff user; reads the password from standard input." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email.flatMap(EmailAddress.init) else { throw UsageError(description: "--email needs a valid e-mail address") }
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { throw UsageError(description: "--name is required") }
        guard let role = signature.role.flatMap(Role.init(rawValue:)) else {
            throw UsageError(description: "--role must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let language = signature.language.flatMap(Language.init(rawValue:)) ?? .default
        try await DatabasePreparation.prepare(app)
        let teamNames = (signature.teams ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let teams = teamNames.isEmpty ? [] : try await Team.query(on: app.db).filter(\.$name ~~ teamNames).all()
        if teams.count != teamNames.count {
            let unknown = Set(teamNames).subtracting(teams.map(\.name))
            throw UsageError(description: "unknown team(s): \(unknown.sorted().joined(separator: ", "))")
        }
        if role.isTeamScoped && teams.isEmpty { throw UsageError(description: "--teams is required for \(role.rawValue)") }
        if try await StaffUser.query(on: app.db).filter(\.$email == email.value).count() > 0 {
            throw UsageError(description: "a user with e-mail \(email.value) already exists")
        }
        // The list of common passwords is a resource: without it, no check.
        try app.requireResources()
        context.console.print("Password (at least \(PasswordPolicy.minimumLength) characters), then Enter:")
        let password = readLine(strippingNewline: true) ?? ""
        switch PasswordPolicy.check(password, refusing: app.commonPasswords) {
        case .tooShort: throw UsageError(description: "the password is shorter than \(PasswordPolicy.minimumLength) characters")
        case .tooLong: throw UsageError(description: "the password is too long")
        case .common:
            throw UsageError(
                description:
                    "the password is one of the most common ones (or one with only digits or signs added): choose another, a sentence of a few words is strong")
        case nil: break
        }
        let now = app.clock.now()
        let user = StaffUser(email: email.value, displayName: name, role: role, language: language, createdAt: now)
        user.passwordHash = try await app.passwordHashing.hash(password, on: app.threadPool)
        try await app.db.transaction { database in
            try await user.create(on: database)
            try await user.$teams.attach(teams, on: database)
            let event = AuditEvent()
            event.occurredAt = now
            event.action = .userCreated
            event.objectType = "staff_user"
            event.objectID = try user.requireID().uuidString
            event.detail = "role \(role.rawValue), from the command line"
            try await event.create(on: database)
        }
        context.console.print("Created \(role.rawValue) \(email.value).")
        if PermissionTable.requiresSecondFactor(role) {
            context.console.print("This role needs two-step verification: it is set up at the first login.")
        }
    }
}
