import MeedenkenCore
import MeedenkenStore
import Vapor

/// An error whose message people read: a status and a catalog key, shown in the user's language
/// by `ErrorPageMiddleware` (or as a problem document in the API).
struct UserFacingError: AbortError {
    let status: HTTPResponseStatus
    let messageKey: String
    var headers: HTTPHeaders = [:]

    var reason: String { messageKey }

    init(_ status: HTTPResponseStatus, _ messageKey: String, headers: HTTPHeaders = [:]) {
        self.status = status
        self.messageKey = messageKey
        self.headers = headers
    }
}
