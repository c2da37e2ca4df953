import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Starting, advancing and ending staff sessions. Every change of stage gets a new token, so a
/// token seen before login is worthless after it (session fixation).
struct SessionManager {
    let request: Request

    /// Starts a session for `user` at `stage` and sets its cookie on `response`.
    func start(for user: StaffUser, stage: StaffSession.Stage, on response: Response) async throws {
        let token = SecureToken.generate()
        let session = StaffSession(tokenHash: SecureToken.hash(token), userID: try user.requireID(), stage: stage, now: request.now)
        try await session.create(on: request.db)
        let config = request.application.config
        let maxAge = Int(stage == .complete ? config.sessionAbsoluteLifetime : StaffSessionMiddleware.signingInLifetime)
        response.cookies[config.cookieNames.session] = config.cookie(token, maxAge: maxAge)
    }

    /// Replaces the current session by a new one at `stage`.
    func advance(user: StaffUser, to stage: StaffSession.Stage, on response: Response) async throws {
        try await endCurrent(on: nil)
        try await start(for: user, stage: stage, on: response)
    }

    /// Ends this browser's session and, given a response, clears its cookie.
    func endCurrent(on response: Response?) async throws {
        if let id = request.sessionRecord?.sessionID {
            try await StaffSession.query(on: request.db).filter(\.$id == id).delete()
        }
        if let response {
            let config = request.application.config
            response.cookies[config.cookieNames.session] = config.cookie("", maxAge: 0)
        }
    }

    /// Ends every session of a user: when disabled, or after a new password or second factor.
    static func endAll(of userID: UUID, except keep: UUID? = nil, on database: any Database) async throws {
        let query = StaffSession.query(on: database).filter(\.$user.$id == userID)
        if let keep { query.filter(\.$id != keep) }
        try await query.delete()
    }
}

extension Request {
    var sessions: SessionManager { SessionManager(request: self) }
}
