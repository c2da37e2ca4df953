import Fluent
import Foundation
import Logging
import MeedenkenCore
import MeedenkenStore
import NIOConcurrencyHelpers
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// Personal data stays out of what is kept for troubleshooting (issue 12 #14).
@Suite("No personal data in logs and mail errors")
struct SecretsInLogsTests {
    /// Keeps every log line, as a log file would.
    final class CapturedLog: @unchecked Sendable {
        let lines = NIOLockedValueBox<[String]>([])

        struct Handler: LogHandler {
            let log: CapturedLog
            var logLevel: Logger.Level = .trace
            var metadata: Logger.Metadata = [:]
            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }
            func log(event: LogEvent) {
                log.lines.withLockedValue { $0.append("\(event.message) \(event.metadata ?? [:])") }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func debugSQLLoggingShowsTheStatementButNotItsValues(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let captured = CapturedLog()
            var logger = Logger(label: "meedenken.test") { _ in BindRedactingLogHandler(CapturedLog.Handler(log: captured)) }
            logger.logLevel = .debug
            app.logger = logger
            _ = try await StaffUser.query(on: app.db).filter(\.$email == "geheim.adres@example.nl").first()
            try await makeUser(app, role: .researcher, email: "geheim.adres@example.nl")
            let sql = try #require(app.db as? any SQLDatabase)
            _ = try await sql.raw("SELECT id FROM staff_users WHERE email = \(bind: "geheim.adres@example.nl")").all()
            let lines = captured.lines.withLockedValue { $0 }
            #expect(lines.contains { $0.contains("SELECT id FROM staff_users WHERE email") }, "the statement is still logged")
            #expect(lines.contains { $0.contains("staff_users.email") }, "and Fluent's query, without its values")
            #expect(!lines.contains { $0.contains("geheim.adres@example.nl") }, "\(lines.filter { $0.contains("geheim") })")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aMailServersRefusalIsKeptWithoutTheAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let id = UUID()
            try await OutboxMessage(
                id: id, invitationID: nil, kind: "invitation", recipient: "j.jansen@example.nl", message: "Subject: x\r\n\r\nx", now: clock.now
            ).create(on: app.db)
            try await OutboxSender(database: app.db, transport: QuotingTransport(), sender: "meedenken@test.nl").run(now: clock.now)
            let stored = try #require(try await OutboxMessage.find(id, on: app.db))
            let error = try #require(stored.lastError)
            #expect(!error.contains("j.jansen@") && !error.contains("ander.adres@"), "\(error)")
            #expect(error.contains("j…@example.nl") && error.contains("550"))
        }
    }

    @Test func addressesInAnyTextAreMasked() {
        #expect(OutboxSender.maskingAddresses(in: "RCPT TO:<a.b@c.nl>: 550 'a.b@c.nl' unknown") == "RCPT TO:<a…@c.nl>: 550 'a…@c.nl' unknown")
        #expect(OutboxSender.maskingAddresses(in: "421 try later") == "421 try later")
    }

    /// Answers like a server that quotes the recipient in its refusal.
    struct QuotingTransport: MailTransport {
        func send(_ message: String, from: String, to: String, messageID: String) async throws {
            throw MailSendError(isPermanent: true, reason: .refused, detail: "RCPT TO:<\(to)>: 550 5.1.1 <\(to)> unknown, try ander.adres@example.nl")
        }
    }
}
