import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

let fixturePassword = "een lang wachtwoord voor tests"

/// Creates a staff user straight in the database; with `secondFactor` a known TOTP secret.
@discardableResult
func makeUser(
    _ app: Application, role: Role, email: String? = nil, secondFactor: Bool = true, teams: [Team] = [],
    language: Language = .dutch
) async throws -> StaffUser {
    let user = StaffUser(
        email: email ?? "\(role.rawValue)-\(UUID().uuidString.prefix(6))@test.nl".lowercased(),
        displayName: "Test \(role.rawValue)", role: role, language: language, createdAt: app.clock.now())
    user.passwordHash = try await app.passwordHashing.hash(fixturePassword, on: app.threadPool)
    if secondFactor { user.totpSecret = Base32.encode(fixtureTOTPSecret) }
    try await user.create(on: app.db)
    if !teams.isEmpty { try await user.$teams.attach(teams, on: app.db) }
    return user
}

let fixtureTOTPSecret = Data("meedenken-test-secret".utf8)

func currentCode(_ app: Application, secret: Data = fixtureTOTPSecret, offset: TimeInterval = 0) -> String {
    TOTP(secret: secret).code(at: app.clock.now().addingTimeInterval(offset))
}

/// Logs a browser in through the real forms (password, then code when needed).
func logIn(_ browser: Browser, as user: StaffUser, password: String = fixturePassword) async throws {
    let response = try await browser.post(SiteRoute.login.path, [("email", user.email), ("password", password)])
    #expect(response.status == .seeOther, "login answered \(response.status)")
    if response.location == SiteRoute.loginCode.path {
        let code = try await browser.post(SiteRoute.loginCode.path, [("code", currentCode(browser.app))])
        #expect(code.status == .seeOther, "code answered \(code.status): \(code.text.prefix(300))")
    }
}

func makeTeam(_ app: Application, name: String = "Team \(UUID().uuidString.prefix(6))") async throws -> Team {
    let region = Region(name: "Regio \(UUID().uuidString.prefix(6))", createdAt: app.clock.now())
    try await region.create(on: app.db)
    let team = Team(name: name, regionID: try region.requireID(), createdAt: app.clock.now())
    try await team.create(on: app.db)
    return team
}

func auditActions(_ app: Application) async throws -> [AuditAction] {
    try await AuditEvent.query(on: app.db).sort(\.$occurredAt).all().map(\.action)
}

/// A browser with a session made straight in the database, skipping the login forms (for tests
/// that walk many routes and roles).
func signedInBrowser(_ app: Application, as user: StaffUser, stage: StaffSession.Stage = .complete) async throws -> Browser {
    let token = SecureToken.generate()
    try await StaffSession(tokenHash: SecureToken.hash(token), userID: try user.requireID(), stage: stage, now: app.clock.now()).create(on: app.db)
    let browser = Browser(app)
    try await browser.get(SiteRoute.healthz.path)
    browser.setCookie(app.config.cookieNames.session, token)
    return browser
}
