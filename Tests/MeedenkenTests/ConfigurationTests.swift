import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing

@testable import Meedenken

@Suite("Configuration")
struct ConfigurationTests {
    @Test func withNothingSetMeedenkenRunsOnSQLiteLocally() throws {
        let config = try AppConfig.load(from: [:])
        #expect(config.database == .sqlite(path: "data/meedenken.sqlite"))
        #expect(config.port == 8080 && config.host == "127.0.0.1")
        #expect(config.publicBaseURL.absoluteString == "http://127.0.0.1:8080")
        #expect(config.sessionIdleTimeout == 30 * 60 && config.sessionAbsoluteLifetime == 12 * 3600)
        #expect(config.mailTransport == .folder(path: "data/mail"))
        #expect(!config.isHTTPS)
    }

    @Test func halfAPostgreSQLConfigurationNamesEachMissingSetting() {
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_POSTGRES_HOST": "db"]) }
        do {
            _ = try AppConfig.load(from: ["MEEDENKEN_POSTGRES_HOST": "db", "MEEDENKEN_POSTGRES_PASSWORD": "x"])
        } catch let error as ConfigurationError {
            #expect(error.description.contains("MEEDENKEN_POSTGRES_USER"))
            #expect(error.description.contains("MEEDENKEN_POSTGRES_DATABASE"))
            let missingPart = error.description.components(separatedBy: "missing ").last?.components(separatedBy: "(given").first ?? ""
            #expect(!missingPart.contains("MEEDENKEN_POSTGRES_HOST"), "the given one is not called missing")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func postgreSQLFromPartsOrFromOneURL() throws {
        let parts = try AppConfig.load(from: [
            "MEEDENKEN_POSTGRES_HOST": "db", "MEEDENKEN_POSTGRES_USER": "meedenken", "MEEDENKEN_POSTGRES_DATABASE": "meedenken",
            "MEEDENKEN_POSTGRES_PASSWORD": "geheim", "MEEDENKEN_POSTGRES_PORT": "5433",
        ])
        #expect(parts.database == .postgres(url: "postgres://meedenken:geheim@db:5433/meedenken"))
        let url = try AppConfig.load(from: ["MEEDENKEN_DATABASE_URL": "postgres://u:p@h:5432/d"])
        #expect(url.database == .postgres(url: "postgres://u:p@h:5432/d"))
    }

    /// The organisation's calendar is a setting: the same instant is another day elsewhere, and
    /// a zone that does not exist is refused by name.
    @Test func theTimeZoneIsASettingAndChecked() throws {
        let lateEvening = Date(timeIntervalSince1970: 1_796_162_400)  // 2026-12-01 22:00 UTC
        #expect(try AppConfig.load(from: [:]).calendar.day(lateEvening) == "2026-12-01", "Europe/Amsterdam: 23:00 the same day")
        #expect(try AppConfig.load(from: ["MEEDENKEN_TIME_ZONE": "Pacific/Auckland"]).calendar.day(lateEvening) == "2026-12-02")
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_TIME_ZONE": "Europe/Nergens"]) }
    }

    @Test func invitationAndSQLiteSettingsAreChecked() {
        do {
            _ = try AppConfig.load(from: [
                "MEEDENKEN_SQLITE_SYNCHRONOUS": "soms", "MEEDENKEN_REMINDER_INTERVAL_DAYS": "20", "MEEDENKEN_INVITATION_VALID_DAYS": "30",
                "MEEDENKEN_SMTP_CA_FILE": "/bestaat/niet.pem", "MEEDENKEN_MAIL_TRANSPORT": "smtp", "MEEDENKEN_SMTP_HOST": "mail",
            ])
            Issue.record("a wrong configuration was accepted")
        } catch let error as ConfigurationError {
            #expect(error.problems.contains { $0.contains("MEEDENKEN_SQLITE_SYNCHRONOUS") })
            #expect(error.problems.contains { $0.contains("MEEDENKEN_REMINDER_INTERVAL_DAYS") })
            #expect(error.problems.contains { $0.contains("MEEDENKEN_SMTP_CA_FILE") })
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aMailLoginWithoutEncryptionIsRefusedNamingTheSettings() throws {
        let smtp = ["MEEDENKEN_MAIL_TRANSPORT": "smtp", "MEEDENKEN_SMTP_HOST": "mail", "MEEDENKEN_SMTP_SECURITY": "none"]
        do {
            _ = try AppConfig.load(from: smtp.merging(["MEEDENKEN_SMTP_USERNAME": "meedenken", "MEEDENKEN_SMTP_PASSWORD": "geheim"]) { $1 })
            Issue.record("AUTH without TLS was accepted")
        } catch let error as ConfigurationError {
            let problem = error.problems.joined()
            #expect(problem.contains("MEEDENKEN_SMTP_SECURITY=none") && problem.contains("MEEDENKEN_SMTP_USERNAME"))
            #expect(problem.contains("MEEDENKEN_SMTP_PASSWORD") && !problem.contains("geheim"))
        }
        _ = try AppConfig.load(from: smtp)  // a relay without login may do without TLS
        _ = try AppConfig.load(from: smtp.merging(["MEEDENKEN_SMTP_SECURITY": "tls", "MEEDENKEN_SMTP_USERNAME": "u", "MEEDENKEN_SMTP_PASSWORD": "p"]) { $1 })
    }

    @Test func onSQLiteEveryPooledConnectionGetsTheConfiguredSynchronousMode() async throws {
        try await withMeedenken(.sqlite, environment: ["MEEDENKEN_SQLITE_SYNCHRONOUS": "full"]) { app, _ in
            try await DatabasePreparation.prepare(app)
            for eventLoop in app.eventLoopGroup.makeIterator() {
                let sql = try #require(app.databases.database(logger: app.logger, on: eventLoop) as? any SQLDatabase)
                let row = try #require(try await sql.raw("PRAGMA synchronous").first())
                #expect(try row.decode(column: "synchronous", as: Int.self) == 2, "FULL")
            }
        }
    }

    @Test func everyProblemIsReportedAtOnce() {
        do {
            _ = try AppConfig.load(from: [
                "MEEDENKEN_DATABASE_URL": "mysql://x", "MEEDENKEN_PORT": "99999", "MEEDENKEN_MAIL_TRANSPORT": "smtp",
                "MEEDENKEN_SESSION_IDLE_MINUTES": "soms",
            ])
            Issue.record("should fail")
        } catch let error as ConfigurationError {
            #expect(error.problems.count == 4)
            let text = error.description
            #expect(
                text.contains("MEEDENKEN_DATABASE_URL") && text.contains("MEEDENKEN_PORT") && text.contains("MEEDENKEN_SMTP_HOST")
                    && text.contains("MEEDENKEN_SESSION_IDLE_MINUTES"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func plainHTTPOnAPublicAddressMustBeAskedFor() throws {
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_PUBLIC_URL": "http://meedenken.example.nl"]) }
        let allowed = try AppConfig.load(from: ["MEEDENKEN_PUBLIC_URL": "http://meedenken.test", "MEEDENKEN_ALLOW_PLAIN_HTTP": "true"])
        #expect(!allowed.isHTTPS)
        let https = try AppConfig.load(from: ["MEEDENKEN_PUBLIC_URL": "https://meedenken.example.nl/"])
        #expect(https.isHTTPS && https.origin == "https://meedenken.example.nl")
        #expect(https.cookieNames.session == "__Host-meedenken-session")
    }

    @Test func smtpNeedsAHostAndUsernameAndPasswordTogether() throws {
        #expect(throws: ConfigurationError.self) {
            try AppConfig.load(from: ["MEEDENKEN_MAIL_TRANSPORT": "smtp", "MEEDENKEN_SMTP_HOST": "mail", "MEEDENKEN_SMTP_USERNAME": "u"])
        }
        let smtp = try AppConfig.load(from: ["MEEDENKEN_MAIL_TRANSPORT": "smtp", "MEEDENKEN_SMTP_HOST": "mail", "MEEDENKEN_SMTP_SECURITY": "tls"])
        #expect(smtp.mailTransport == .smtp(.init(host: "mail", port: 465, username: nil, password: nil, security: .tls)))
    }
}
