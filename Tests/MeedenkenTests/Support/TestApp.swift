import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_900_000_000))
    var now: Date { current.withLockedValue { $0 } }
    func advance(by seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// The environment a test application is configured from, before its database is added.
func testEnvironment(_ overrides: [String: String] = [:]) -> [String: String] {
    var environment = [
        "MEEDENKEN_PUBLIC_URL": "http://127.0.0.1:8080",
        "MEEDENKEN_ORGANISATION_NAME": "Jeugdzorg Test",
        // Tests set X-Forwarded-For to play several client addresses.
        "MEEDENKEN_TRUST_FORWARDED_FOR": "true",
        // Many test applications share one PostgreSQL server: keep each one's pool small.
        "MEEDENKEN_DATABASE_POOL_SIZE": "2",
        "MEEDENKEN_MAIL_FOLDER": FileManager.default.temporaryDirectory.appendingPathComponent("meedenken-test-mail").path,
    ]
    environment.merge(overrides) { $1 }
    return environment
}

/// Runs `body` with a migrated Meedenken on its own fresh database, then removes that database.
func withMeedenken(
    _ database: TestDatabase, environment overrides: [String: String] = [:], clock: TestClock = TestClock(),
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    if database == .postgres {
        try await TestGate.postgres.run { try await runWithMeedenken(database, environment: overrides, clock: clock, body) }
    } else {
        try await runWithMeedenken(database, environment: overrides, clock: clock, body)
    }
}

private func runWithMeedenken(
    _ database: TestDatabase, environment overrides: [String: String], clock: TestClock,
    _ body: (Application, TestClock) async throws -> Void
) async throws {
    let (setting, drop) = try await database.provision()
    do {
        try await withConfiguredApp(setting: setting, environment: overrides, clock: clock, migrate: true) { app in
            try await body(app, clock)
        }
    } catch {
        await drop()
        throw error
    }
    await drop()
}

/// Starts one application on an existing database (two of these on one PostgreSQL database make
/// the two-instance case).
func withConfiguredApp(
    setting: AppConfig.DatabaseSetting, environment overrides: [String: String] = [:], clock: TestClock, migrate: Bool,
    _ body: (Application) async throws -> Void
) async throws {
    var environment = testEnvironment(overrides)
    switch setting {
    case .sqlite(let path): environment["MEEDENKEN_SQLITE_PATH"] = path
    case .sqliteInMemory: environment["MEEDENKEN_SQLITE_PATH"] = ":memory:"
    case .postgres(let url): environment["MEEDENKEN_DATABASE_URL"] = url
    }
    let config = try AppConfig.load(from: environment)
    let app = try await Application.make(.testing)
    // Migration progress and request lines would drown the test report.
    app.logger.logLevel = .warning
    do {
        try await configure(app, config: config)
        app.clock = AppClock { clock.now }
        // As the server prepares its database: on an SQLite file, write-ahead logging and the
        // connection settings (so a test sees the files a copy of a real database would hold).
        if migrate, case .sqlite = config.database {
            try await DatabasePreparation.prepare(app)
        } else if migrate {
            try await app.autoMigrate()
        }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
