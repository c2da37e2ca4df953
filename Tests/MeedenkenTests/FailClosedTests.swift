import FluentKit
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Every part that checks, counts or claims something in the database fails closed: given a
/// database without SQL it throws, loudly, instead of letting a request through, reporting
/// nothing or skipping its work. (Before the store, the rate limiter let requests through, the
/// outbox reported "nothing sent" and several reads returned empty results.)
@Suite struct FailClosedTests {
    static func expectRefusal(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what) went on without an SQL database")
        } catch {
            // Thrown: the caller answers with an error, never with a quiet "yes" or "nothing".
        }
    }

    @Test func theRateLimiterLetsNothingThrough() async throws {
        try await withMeedenken(.sqlite) { app, clock in
            let limiter = RateLimiter(database: NotSQLDatabase())
            await #expect(throws: NeedsSQLDatabase.self) { try await limiter.allow("login:someone", limit: 10, window: 900, now: clock.now) }
            let real = try await RateLimiter(database: app.db).allow("login:someone", limit: 10, window: 900, now: clock.now)
            #expect(real, "the same limiter on the real database lets the first hit in")
        }
    }

    @Test func everyCountingClaimingAndReadingPartFailsLoudly() async throws {
        try await withMeedenken(.sqlite) { app, clock in
            let database = NotSQLDatabase()
            let now = clock.now
            await Self.expectRefusal("the invitation figures") {
                _ = try await InvitationStatistics.compute(questionnaireID: UUID(), minimum: 10, on: database)
            }
            await Self.expectRefusal("the response counts") { _ = try await QuestionnairesController.responseCounts(on: database) }
            await Self.expectRefusal("the invitation mailer") {
                try await InvitationMailer(database: database, config: app.config, localizer: app.localizer).run(now: now)
            }
            await Self.expectRefusal("the outbox") {
                try await OutboxSender(database: database, transport: app.mailTransport, sender: app.config.mailFrom).run(now: now)
            }
            await Self.expectRefusal("unsubscribing") { try await UnsubscribeController.unsubscribe(emailHash: "x", day: "2026-12-01", on: database) }
            await Self.expectRefusal("the escalation of danger flags") { try await DangerAlerts.escalateOverdue(app, on: database, now: now) }
            await Self.expectRefusal("a migration that needs SQL") { try await AddArrivalMixing().prepare(on: database) }
            await Self.expectRefusal("the count of open answers to review") {
                _ = try await Store(database).pendingOpenAnswers(versionIDs: [UUID()], limit: 10)
            }
        }
    }
}
