import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// What every command does before touching data. SQLite migrates itself (one process owns the
/// file); PostgreSQL, shared by several instances, is migrated deliberately with `meedenken
/// migrate`, so an instance refuses to start while migrations are pending.
enum DatabasePreparation {
    struct PendingMigrations: Error, CustomStringConvertible {
        let names: [String]
        var description: String {
            "The PostgreSQL database has \(names.count) pending migration(s): \(names.joined(separator: ", ")).\n"
                + "Run `meedenken migrate` once (from one instance), then start the servers again."
        }
    }

    /// The database could not be reached: which one, and why, in one sentence.
    struct Unreachable: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `body`, turning a database that cannot be reached into `Unreachable`.
    static func reaching<T>(_ app: Application, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error where UnavailableDatabase.matches(error) || DatabaseFailure.isDriverError(error) {
            throw Unreachable(description: UnavailableDatabase.describe(error, setting: app.config.database))
        }
    }

    static func prepare(_ app: Application) async throws {
        try await reaching(app) { try await prepareReachable(app) }
    }

    private static func prepareReachable(_ app: Application) async throws {
        if app.usesSQLite {
            if case .sqlite = app.config.database {
                try await Store(app.db, for: "the SQLite setup").useWriteAheadLog()
            }
            try await applySynchronous(app)
            try await app.autoMigrate()
        } else {
            let pending = try await Migrations.pending(on: app)
            if !pending.isEmpty { throw PendingMigrations(names: pending) }
        }
    }

    /// `synchronous` is a per-connection setting, and the pool keeps one SQLite connection per
    /// event loop: set it on each (the response writer sets its own). With WAL, `normal` never
    /// corrupts the file; a power cut may lose the last commits. `full` syncs every commit
    /// (MEEDENKEN_SQLITE_SYNCHRONOUS).
    private static func applySynchronous(_ app: Application) async throws {
        for eventLoop in app.eventLoopGroup.makeIterator() {
            guard let database = app.databases.database(logger: app.logger, on: eventLoop) else { continue }
            try await Store(database, for: "the SQLite setup").applySQLiteConnectionSettings(synchronous: app.config.sqliteSynchronous.rawValue)
        }
    }
}
