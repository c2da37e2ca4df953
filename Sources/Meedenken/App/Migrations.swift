import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The schema's history (`MigrationList` in the store), registered with the application.
enum Migrations {
    static var all: [any Migration] { MigrationList.all }

    static func register(on app: Application) {
        app.migrations.add(all)
    }

    /// Names of migrations not yet applied to the database.
    static func pending(on app: Application) async throws -> [String] {
        guard try await Store(app.db, for: "the migration check").hasMigrationLog() else { return all.map(\.name) }
        return try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
    }
}
