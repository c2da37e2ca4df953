import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken api-token create --name NAME --scope SCOPE[,SCOPE]`: prints the token once.
struct ApiTokenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create")
        var action: String

        @Option(name: "name", help: "What the token is for, e.g. the case system's name.")
        var name: String?

        @Option(name: "scope", help: "One or more of: \(ApiScope.allCases.map(\.rawValue).joined(separator: ", ")) (comma-separated).")
        var scope: String?
    }

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    var help: String { "Creates an API token for the case system; it is printed once and stored hashed." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "create" else { throw UsageError(description: "the only action is: create") }
        guard let name = signature.name?.trimmingCharacters(in: .whitespaces), !name.isEmpty, name.count <= 100 else {
            throw UsageError(description: "--name is required (at most 100 characters)")
        }
        let (scopes, unknown) = ApiScope.parse(signature.scope ?? "")
        guard unknown.isEmpty, !scopes.isEmpty else {
            throw UsageError(description: "--scope must name one or more of: \(ApiScope.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let app = context.application
        try await DatabasePreparation.prepare(app)
        let now = app.clock.now()
        let (token, secret) = try await ApiToken.create(name: name, scopes: scopes, now: now, on: app.db)
        let event = AuditEvent()
        event.occurredAt = now
        event.action = .apiTokenCreated
        event.objectType = "api_token"
        event.objectID = try token.requireID().uuidString
        event.detail = "\(name): \(token.scopesText), from the command line"
        try await event.create(on: app.db)
        context.console.print("API token \"\(name)\" (\(token.scopesText)). It is shown only now; store it safely:")
        context.console.print(secret)
    }
}
