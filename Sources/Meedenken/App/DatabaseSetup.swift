import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Chooses the database from the configuration: an SQLite file by default, PostgreSQL when
/// configured. This is the only place that knows which.
func configureDatabase(_ app: Application, _ setting: AppConfig.DatabaseSetting, poolSize: Int) throws {
    switch setting {
    case .sqlite(let path):
        let (configuration, id) = try DatabaseChoice.sqliteFile(path)
        app.databases.use(configuration, as: id)
        app.databasePoolSize = 1
    case .sqliteInMemory:
        let (configuration, id) = DatabaseChoice.sqliteInMemory
        app.databases.use(configuration, as: id)
        app.databasePoolSize = 1
    case .postgres(let url):
        let (configuration, id) = try DatabaseChoice.postgres(url: url, connectionsPerEventLoop: poolSize)
        app.databases.use(configuration, as: id)
        app.databasePoolSize = poolSize
    }
}

/// Where `ResponseWriteQueue` writes: an SQLite file through a connection of its own
/// (`SQLiteResponseWriter`), PostgreSQL (which has many connections) and an in-memory SQLite
/// database (which another connection would not see) through the pool.
func makeResponseStore(_ app: Application) -> any ResponseStore {
    guard case .sqlite(let path) = app.config.database else { return DatabaseResponseStore(app) }
    let writer = SQLiteFileResponseStore(path: path, synchronous: app.config.sqliteSynchronous, logger: app.logger)
    app.lifecycle.use(writer)
    return writer
}

extension Application {

    private struct PoolSizeKey: StorageKey { typealias Value = Int }

    /// Connections per event loop, reported in `/metrics`.
    var databasePoolSize: Int {
        get { storage[PoolSizeKey.self] ?? 1 }
        set { storage[PoolSizeKey.self] = newValue }
    }

    var usesSQLite: Bool {
        switch config.database {
        case .sqlite, .sqliteInMemory: true
        case .postgres: false
        }
    }
}

extension Request {
    /// The request's database through the store's door (which fails loudly without SQL).
    var store: Store {
        get throws { try Store(db) }
    }
}
