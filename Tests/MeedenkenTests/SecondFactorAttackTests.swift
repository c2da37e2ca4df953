import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Attacks on the second step: someone who knows the password and nothing more (issue 12 #1), and
/// one code sent twice at once (issue 12 #10).
@Suite("Second factor under attack")
struct SecondFactorAttackTests {
    @Test(arguments: TestDatabase.all)
    func thePasswordAloneCannotReplaceSomeonesSecondFactor(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let owner = try await makeUser(app, role: .coordinator)
            let ownerID = try owner.requireID()
            try await SecondFactor.replaceRecoveryCodes(of: ownerID, with: RecoveryCodes.generate(), sealing: app.secretSealing, on: app.db)
            let recoveryHashes = Set(try await RecoveryCode.query(on: app.db).filter(\.$user.$id == ownerID).all().map(\.codeHash))

            let attacker = Browser(app)
            let login = try await attacker.post(SiteRoute.login.path, [("email", owner.email), ("password", fixturePassword)])
            #expect(login.location == SiteRoute.loginCode.path)
            let enrolment = try await attacker.get(SiteRoute.twoFactorEnrolment.path)
            #expect(enrolment.status == .seeOther && enrolment.location == SiteRoute.loginCode.path)
            #expect(!enrolment.text.contains("otpauth://"), "no new secret is shown")
            // Whatever secret the page might have shown: the attacker answers with a code for it.
            let shown = try await StaffUser.find(ownerID, on: app.db)?.pendingTOTPSecret.flatMap(Base32.decode)
            #expect(shown == nil, "no secret is even made")
            let attackerSecret = shown ?? Data("the attacker's own authenticator".utf8)
            let submitted = try await attacker.post(SiteRoute.twoFactorEnrolment.path, [("code", currentCode(app, secret: attackerSecret))])
            #expect(submitted.status == .seeOther && submitted.location == SiteRoute.loginCode.path)
            #expect(!submitted.text.contains("<li><code>"), "no recovery codes")

            let stored = try #require(try await StaffUser.find(ownerID, on: app.db))
            #expect(stored.totpSecret == Base32.encode(fixtureTOTPSecret), "the owner's authenticator still works")
            #expect(stored.pendingTOTPSecret == nil)
            let hashesAfter = Set(try await RecoveryCode.query(on: app.db).filter(\.$user.$id == ownerID).all().map(\.codeHash))
            #expect(hashesAfter == recoveryHashes, "the owner's recovery codes are untouched")
            #expect(try await attacker.get(SiteRoute.staffHome.path).location == SiteRoute.loginCode.path, "not signed in")
            #expect(try await StaffSession.query(on: app.db).filter(\.$stage == .complete).count() == 0)
            let actions = try await auditActions(app)
            #expect(actions.filter { $0 == .secondFactorEnrolmentRefused }.count == 2)
            #expect(!actions.contains(.secondFactorEnrolled) && !actions.contains(.loginSucceeded))
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneCodeSentTwiceAtOnceSignsInOnce(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ACCOUNT": "1000"]) { app, clock in
            let user = try await makeUser(app, role: .researcher)
            // Several rounds: a race that the old read-then-save lost only sometimes shows here.
            for round in 0..<4 {
                clock.advance(by: 30)
                let first = Browser(app)
                let second = Browser(app)
                for browser in [first, second] {
                    try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
                }
                let code = currentCode(app)
                async let one = first.post(SiteRoute.loginCode.path, [("code", code)])
                async let other = second.post(SiteRoute.loginCode.path, [("code", code)])
                let answers = try await [one, other]
                let signedIn = answers.filter { $0.location == SiteRoute.staffHome.path }.count
                #expect(signedIn == 1, "round \(round): \(answers.map(\.status))")
                #expect(answers.contains { $0.status == .unauthorized })
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func oneRecoveryCodeSentTwiceAtOnceSignsInOnce(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ACCOUNT": "1000"]) { app, _ in
            let user = try await makeUser(app, role: .researcher)
            let codes = RecoveryCodes.generate()
            try await SecondFactor.replaceRecoveryCodes(of: user.requireID(), with: codes, sealing: app.secretSealing, on: app.db)
            for (round, code) in codes.prefix(4).enumerated() {
                let first = Browser(app)
                let second = Browser(app)
                for browser in [first, second] {
                    try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
                }
                async let one = first.post(SiteRoute.loginCode.path, [("code", code)])
                async let other = second.post(SiteRoute.loginCode.path, [("code", code)])
                let answers = try await [one, other]
                #expect(answers.filter { $0.location == SiteRoute.staffHome.path }.count == 1, "round \(round): \(answers.map(\.status))")
            }
            let used = try await RecoveryCode.query(on: app.db).filter(\.$user.$id == user.requireID()).filter(\.$usedAt != nil).count()
            #expect(used == 4)
            #expect(try await auditActions(app).filter { $0 == .recoveryCodeUsed }.count == 4)
        }
    }
}
