import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The staff member behind a request, copied out of the database once per request. Handlers and
/// templates get this, never the model.
struct AuthenticatedStaff: Sendable {
    let userID: UUID
    let sessionID: UUID
    let email: String
    let displayName: String
    let role: Role
    let language: Language
    let hasSecondFactor: Bool
    let stage: StaffSession.Stage
}

extension Request {
    private struct AuthenticatedStaffKey: StorageKey { typealias Value = AuthenticatedStaff }
    private struct SessionEndedKey: StorageKey { typealias Value = Bool }

    var sessionRecord: AuthenticatedStaff? {
        get { storage[AuthenticatedStaffKey.self] }
        set { storage[AuthenticatedStaffKey.self] = newValue }
    }

    /// A fully signed-in staff member (password and, where the role needs it, second factor).
    var staff: AuthenticatedStaff? { sessionRecord.flatMap { $0.stage == .complete ? $0 : nil } }

    /// A browser between the password and the second factor.
    var signingIn: AuthenticatedStaff? { sessionRecord.flatMap { $0.stage == .passwordVerified ? $0 : nil } }

    /// Set when this request's session had just run out, so the login page can say so.
    var sessionHasEnded: Bool {
        get { storage[SessionEndedKey.self] ?? false }
        set { storage[SessionEndedKey.self] = newValue }
    }

    func requireStaff() throws -> AuthenticatedStaff {
        guard let staff else { throw UserFacingError(.unauthorized, "error.loginRequired") }
        return staff
    }
}
