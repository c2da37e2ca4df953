import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// A copy of the database gives no working authenticator: second-factor secrets are sealed and
/// recovery codes hashed under MEEDENKEN_SECRET_KEY, which can be rotated (issue 12 #11).
@Suite("Second-factor secrets under a key")
struct SecretSealingTests {
    static let keyA = String(repeating: "a1", count: 32)
    static let keyB = String(repeating: "b2", count: 32)

    private func storedUser(_ app: Application, _ user: StaffUser) async throws -> StaffUser {
        try #require(try await StaffUser.find(user.requireID(), on: app.db))
    }

    @Test(arguments: TestDatabase.all)
    func aNewAuthenticatorIsStoredSealedAndItsRecoveryCodesKeyed(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_SECRET_KEY": Self.keyA]) { app, clock in
            let user = try await makeUser(app, role: .administrator, secondFactor: false)
            let browser = Browser(app)
            try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            let enrolment = try await browser.get(SiteRoute.twoFactorEnrolment.path)
            let uri = try #require(enrolment.firstMatch("<code id=\"totp-uri\">([^<]+)</code>"))
            let secretText = try #require(uri.components(separatedBy: "secret=").last?.components(separatedBy: "&").first)
            let pending = try #require(try await storedUser(app, user).pendingTOTPSecret)
            #expect(pending.hasPrefix("v1:") && !pending.contains(secretText), "the secret shown is not stored in clear")
            let secret = try #require(Base32.decode(secretText))
            let done = try await browser.post(SiteRoute.twoFactorEnrolment.path, [("code", currentCode(app, secret: secret))])
            #expect(done.status == .ok)
            let codes = done.text.components(separatedBy: "<li><code>").dropFirst().compactMap { $0.components(separatedBy: "</code>").first }
            #expect(codes.count == 10)

            let stored = try #require(try await storedUser(app, user).totpSecret)
            #expect(stored.hasPrefix("v1:") && !stored.contains(secretText))
            let hashes = try await RecoveryCode.query(on: app.db).filter(\.$user.$id == user.requireID()).all().map(\.codeHash)
            #expect(hashes.allSatisfy { $0.hasPrefix("h1:") })
            #expect(!hashes.contains(SecureToken.hash(RecoveryCodes.normalise(codes[0]))), "not the unkeyed hash")

            clock.advance(by: 30)
            let again = Browser(app)
            try await again.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(try await again.post(SiteRoute.loginCode.path, [("code", currentCode(app, secret: secret))]).location == SiteRoute.staffHome.path)
            let recovering = Browser(app)
            try await recovering.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(try await recovering.post(SiteRoute.loginCode.path, [("code", codes[0])]).location == SiteRoute.staffHome.path)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSecretAndRecoveryCodesFromBeforeTheKeyStillWorkAndTheSecretIsSealedOnUse(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_SECRET_KEY": Self.keyA]) { app, _ in
            let user = try await makeUser(app, role: .researcher)  // a clear Base32 secret, as stored before
            let codes = RecoveryCodes.generate()
            try await SecondFactor.replaceRecoveryCodes(
                of: user.requireID(), with: codes, sealing: SecretSealing(key: nil, previousKey: nil), on: app.db)
            try await logIn(Browser(app), as: user)
            let stored = try #require(try await storedUser(app, user).totpSecret)
            #expect(stored.hasPrefix("v1:"), "sealed once used")
            #expect(app.secretSealing.open(stored, for: try user.requireID())?.secret == fixtureTOTPSecret)
            let recovering = Browser(app)
            try await recovering.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(try await recovering.post(SiteRoute.loginCode.path, [("code", codes[0])]).location == SiteRoute.staffHome.path)
        }
    }

    @Test(arguments: TestDatabase.all)
    func aKeyIsRotatedWithThePreviousOneAndALostKeyStopsTheStart(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_SECRET_KEY": Self.keyA]) { app, clock in
            let user = try await makeUser(app, role: .researcher)
            let other = try await makeUser(app, role: .coordinator)
            let codes = RecoveryCodes.generate()
            try await SecondFactor.replaceRecoveryCodes(of: user.requireID(), with: codes, sealing: app.secretSealing, on: app.db)
            #expect(try await app.secretSealing.resealAll(on: app.db) == 2)
            let underA = try #require(try await storedUser(app, user).totpSecret)

            // The new key, with the old one as previous: logins go on and everything moves over.
            app.config = try AppConfig.load(from: testEnvironment(["MEEDENKEN_SECRET_KEY": Self.keyB, "MEEDENKEN_SECRET_KEY_PREVIOUS": Self.keyA]))
                .with(database: app.config.database)
            try await logIn(Browser(app), as: user)
            let underB = try #require(try await storedUser(app, user).totpSecret)
            #expect(underB != underA)
            let onlyB = SecretSealing(key: Data(repeating: 0xB2, count: 32), previousKey: nil)
            #expect(onlyB.open(underB, for: try user.requireID())?.isCurrent == true)
            #expect(try await app.secretSealing.resealAll(on: app.db) == 1, "the one who did not log in")
            #expect(onlyB.open(try #require(try await storedUser(app, other).totpSecret), for: try other.requireID())?.isCurrent == true)
            let recovering = Browser(app)
            try await recovering.post(SiteRoute.login.path, [("email", user.email), ("password", fixturePassword)])
            #expect(try await recovering.post(SiteRoute.loginCode.path, [("code", codes[0])]).location == SiteRoute.staffHome.path)

            // A secret sealed under a key nobody configured any more: the start names the settings.
            let lost = try await makeUser(app, role: .coordinator, secondFactor: false)
            lost.totpSecret = try SecretSealing(key: Data(repeating: 0xC3, count: 32), previousKey: nil).seal(fixtureTOTPSecret, for: lost.requireID())
            try await lost.save(on: app.db)
            do {
                _ = try await app.secretSealing.resealAll(on: app.db)
                Issue.record("a secret no key opens was accepted")
            } catch let error as ConfigurationError {
                #expect(error.description.contains("MEEDENKEN_SECRET_KEY") && error.description.contains("MEEDENKEN_SECRET_KEY_PREVIOUS"))
            }
            clock.advance(by: 30)
            let locked = Browser(app)
            try await locked.post(SiteRoute.login.path, [("email", lost.email), ("password", fixturePassword)])
            #expect(try await locked.post(SiteRoute.loginCode.path, [("code", currentCode(app))]).status == .unauthorized, "no 500")
        }
    }

    @Test func aKeyMustBe32BytesAndThePreviousOneNeedsANewOne() throws {
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_SECRET_KEY": "te kort"]) }
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_SECRET_KEY_PREVIOUS": Self.keyA]) }
        let base64 = Data(repeating: 7, count: 32).base64EncodedString()
        #expect(try AppConfig.load(from: ["MEEDENKEN_SECRET_KEY": base64]).secretKey == Data(repeating: 7, count: 32))
        #expect(try AppConfig.load(from: ["MEEDENKEN_SECRET_KEY": Self.keyA]).secretKey == Data(repeating: 0xA1, count: 32))
    }
}

extension AppConfig {
    /// The same configuration on another database (a test swaps keys on a running application).
    fileprivate func with(database: DatabaseSetting) -> AppConfig {
        var config = self
        config.database = database
        return config
    }
}
