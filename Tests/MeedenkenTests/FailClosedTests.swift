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
    /// The part stops at the store's door, before anything else: `NeedsSQLDatabase`.
    static func expectStoppedAtTheDoor(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what) went on without an SQL database")
        } catch is NeedsSQLDatabase {
            // Refused at the door: the caller answers with an error, never a quiet "yes" or "nothing".
        } catch {
            Issue.record("\(what) failed, but not at the store's door: \(error)")
        }
    }

    /// The part reads with Fluent before it needs SQL; that read fails first. Still an error,
    /// never a skipped step.
    static func expectRefusal(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what) went on without an SQL database")
        } catch {}
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
            await Self.expectStoppedAtTheDoor("the invitation figures") {
                _ = try await InvitationStatistics.compute(questionnaireID: UUID(), minimum: 10, on: database)
            }
            await Self.expectStoppedAtTheDoor("the response counts") { _ = try await QuestionnairesController.responseCounts(on: database) }
            await Self.expectStoppedAtTheDoor("the invitation mailer") {
                try await InvitationMailer(database: database, config: app.config, localizer: app.localizer).run(now: now)
            }
            await Self.expectStoppedAtTheDoor("the outbox") {
                try await OutboxSender(database: database, transport: app.mailTransport, sender: app.config.mailFrom).run(now: now)
            }
            await Self.expectRefusal("unsubscribing") { try await UnsubscribeController.unsubscribe(emailHash: "x", day: "2026-12-01", on: database) }
            await Self.expectRefusal("the escalation of danger flags") { try await DangerAlerts.escalateOverdue(app, on: database, now: now) }
            await Self.expectStoppedAtTheDoor("a migration that needs SQL") { try await AddArrivalMixing().prepare(on: database) }
            for (what, claim) in Self.claims(database) { await Self.expectStoppedAtTheDoor(what, claim) }
            await Self.expectStoppedAtTheDoor("the count of open answers to review") {
                _ = try await Store(database).pendingOpenAnswers(versionIDs: [UUID()], limit: 10)
            }
        }
    }

    /// Every claim and count the store makes for a security or privacy check.
    static func claims(_ database: NotSQLDatabase) -> [(String, () async throws -> Void)] {
        let id = UUID()
        let now = Date()
        return [
            ("the second-factor code claim", { _ = try await Store(database).claimTOTPStep(1, userID: id) }),
            ("the recovery code claim", { _ = try await Store(database).claimRecoveryCode(userID: id, hashes: ["x"], at: now) }),
            ("the rate-limit count", { _ = try await Store(database).countHit(counterID: "x", windowStart: 0) }),
            ("the mail claim", { _ = try await Store(database).claimMail(id, at: now) }),
            ("the escalation claim", { _ = try await Store(database).claimEscalation(flagID: id, at: now) }),
            ("the answering page's read", { _ = try await Store(database).answeringSubject(openLinkKey: "x", draftTokenHash: nil) }),
            ("storing closures", { try await Store(database).insertClosures([]) }),
        ]
    }
}
