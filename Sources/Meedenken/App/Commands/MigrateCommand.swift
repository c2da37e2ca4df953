import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken migrate`: applies pending migrations (required before serving on PostgreSQL).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Applies pending database migrations." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let pending = try await DatabasePreparation.reaching(app) { try await Migrations.pending(on: app) }
        if pending.isEmpty {
            context.console.print("The database is up to date.")
            return
        }
        try await DatabasePreparation.reaching(app) { try await app.autoMigrate() }
        context.console.print("Applied \(pending.count) migration(s): \(pending.joined(separator: ", "))")
    }
}
