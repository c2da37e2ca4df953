import MeedenkenCore
import MeedenkenStore
import Vapor

/// Cross-site request forgery protection for every form, anonymous ones included: a random token
/// in an HttpOnly SameSite cookie must come back in the form (double submit), and a browser's
/// `Origin`, when sent, must be our own.
struct CSRFCookieMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let name = request.application.config.cookieNames.csrf
        let existing = request.sentCookies[name].map(\.string).flatMap { $0.count >= 32 ? $0 : nil }
        let token = existing ?? SecureToken.generate()
        request.storage[CSRFTokenKey.self] = token
        let response = try await next.respond(to: request)
        if existing == nil {
            response.cookies[name] = request.application.config.cookie(token, maxAge: nil)
        }
        return response
    }
}

private struct CSRFTokenKey: StorageKey { typealias Value = String }
private struct StaleFormKey: StorageKey { typealias Value = Bool }

extension Request {
    /// The token every form carries in its hidden `_csrf` field.
    var csrfToken: String { storage[CSRFTokenKey.self] ?? "" }

    /// True when this form post came with a missing or stale token on a route that re-shows its
    /// form: the handler must not act, but show the form again with everything kept.
    var isStaleForm: Bool {
        get { storage[StaleFormKey.self] ?? false }
        set { storage[StaleFormKey.self] = newValue }
    }

    /// Whether a state-changing request proves it comes from one of our own pages.
    func hasValidCSRFToken() -> Bool {
        if let origin = headers.first(name: .origin), origin != "null", origin != application.config.origin {
            return false
        }
        let cookie = sentCookies[application.config.cookieNames.csrf]?.string ?? ""
        let sent =
            headers.first(name: "X-CSRF-Token")
            ?? (headers.contentType == .urlEncodedForm ? (try? FormFields.parse(self))?["_csrf"]?.first : (try? content.get(String.self, at: "_csrf")))
            ?? ""
        return !cookie.isEmpty && SecureToken.constantTimeEquals(cookie, sent)
    }
}
