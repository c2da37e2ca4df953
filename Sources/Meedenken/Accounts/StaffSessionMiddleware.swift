import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Finds the session behind the cookie and ends it when it has been idle too long, has reached
/// its absolute lifetime, or its user was disabled (OWASP ASVS 3.3).
struct StaffSessionMiddleware: AsyncMiddleware {
    /// Between password and second factor a session may wait this long, no more.
    static let signingInLifetime: TimeInterval = 10 * 60
    /// `last_seen_at` is written at most this often, to keep page views read-only.
    static let touchInterval: TimeInterval = 60

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let names = request.application.config.cookieNames
        guard let token = request.sentCookies[names.session]?.string, !token.isEmpty else {
            return try await next.respond(to: request)
        }
        let session = try await StaffSession.query(on: request.db)
            .filter(\.$tokenHash == SecureToken.hash(token)).with(\.$user).first()
        guard let session, let sessionID = session.id, let userID = session.user.id else {
            let response = try await next.respond(to: request)
            response.cookies[names.session] = request.application.config.cookie("", maxAge: 0)
            return response
        }
        let config = request.application.config
        let now = request.now
        let lifetime = session.stage == .complete ? config.sessionAbsoluteLifetime : Self.signingInLifetime
        if now.timeIntervalSince(session.lastSeenAt) > config.sessionIdleTimeout
            || now.timeIntervalSince(session.createdAt) > lifetime || session.user.isDisabled
        {
            try await session.delete(on: request.db)
            try await request.audit(.sessionExpired, actor: (userID, session.user.email))
            request.sessionHasEnded = true
            let response = try await next.respond(to: request)
            response.cookies[names.session] = config.cookie("", maxAge: 0)
            return response
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            session.lastSeenAt = now
            try await session.save(on: request.db)
        }
        // A role that now needs a second factor the person has not set up yet: back to set-up.
        let mustEnrol = PermissionTable.requiresSecondFactor(session.user.role) && !session.user.hasSecondFactor
        request.sessionRecord = AuthenticatedStaff(
            userID: userID, sessionID: sessionID, email: session.user.email,
            displayName: session.user.displayName, role: session.user.role, language: session.user.language,
            hasSecondFactor: session.user.hasSecondFactor, stage: mustEnrol ? .passwordVerified : session.stage)
        return try await next.respond(to: request)
    }
}
