import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// Which database Meedenken runs on, as Fluent configurations: the only place that knows the
/// drivers. The web target names a choice; it never imports a driver.
package enum DatabaseChoice {
    /// An SQLite file, its folder made if missing.
    package static func sqliteFile(_ path: String) throws -> (DatabaseConfigurationFactory, DatabaseID) {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return (.sqlite(.file(path)), .sqlite)
    }

    package static var sqliteInMemory: (DatabaseConfigurationFactory, DatabaseID) { (.sqlite(.memory), .sqlite) }

    /// PostgreSQL at a `postgres://` address, with this many connections per event loop.
    package static func postgres(url: String, connectionsPerEventLoop: Int) throws -> (DatabaseConfigurationFactory, DatabaseID) {
        (try .postgres(url: url, maxConnectionsPerEventLoop: connectionsPerEventLoop), .psql)
    }
}
