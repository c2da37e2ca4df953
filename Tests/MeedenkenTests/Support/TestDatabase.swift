import Fluent
import FluentPostgresDriver
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// The databases every database-touching test runs on: SQLite always, PostgreSQL when the test
/// command provides a server (`MEEDENKEN_TEST_POSTGRES_URL`). In CI a missing server is a
/// failure, not a skip.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    static let postgresAdminURL = ProcessInfo.processInfo.environment["MEEDENKEN_TEST_POSTGRES_URL"]
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// The databases to run on here.
    static var all: [TestDatabase] {
        (postgresAdminURL != nil || isCI) ? [.sqlite, .postgres] : [.sqlite]
    }

    struct MissingPostgres: Error, CustomStringConvertible {
        var description: String {
            "PostgreSQL is required in CI: run the tests through scripts/test, which starts a server and sets MEEDENKEN_TEST_POSTGRES_URL"
        }
    }

    /// A fresh, empty database for one test, and how to drop it afterwards.
    func provision() async throws -> (setting: AppConfig.DatabaseSetting, drop: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            // A file of its own (not shared memory): the backup and two-connection cases need one.
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("meedenken-test-\(UUID().uuidString).sqlite").path
            return (
                .sqlite(path: path),
                {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
                }
            )
        case .postgres:
            guard let adminURL = Self.postgresAdminURL else { throw MissingPostgres() }
            let name = "meedenken_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            try await Self.runAdmin(adminURL, "CREATE DATABASE \(name)")
            guard var components = URLComponents(string: adminURL) else { throw MissingPostgres() }
            components.path = "/\(name)"
            let url = components.string!
            return (.postgres(url: url), { try? await Self.runAdmin(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
        }
    }

    /// Runs one statement on the server's maintenance database.
    private static func runAdmin(_ url: String, _ statement: String) async throws {
        let admin = try await Application.make(.testing)
        do {
            admin.databases.use(try .postgres(url: url), as: .psql)
            try await (admin.db as! any SQLDatabase).raw(SQLQueryString(statement)).run()
        } catch {
            try? await admin.asyncShutdown()
            throw error
        }
        try await admin.asyncShutdown()
    }
}
