import Fluent
import Foundation
import MeedenkenCore
import Testing
import Vapor

@testable import Meedenken

/// Attacks on the second step: someone who knows the password and nothing more (issue 12 #1).
@Suite("Second factor under attack")
struct SecondFactorAttackTests {
    @Test(arguments: TestDatabase.all)
    func thePasswordAloneCannotReplaceSomeonesSecondFactor(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let owner = try await makeUser(app, role: .coordinator)
            let ownerID = try owner.requireID()
            try await SecondFactor.replaceRecoveryCodes(of: ownerID, with: RecoveryCodes.generate(), on: app.db)
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
}
