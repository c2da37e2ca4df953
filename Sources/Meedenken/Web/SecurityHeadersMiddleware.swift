import MeedenkenCore
import MeedenkenStore
import Vapor

/// Headers on every response, error pages included (DESIGN §4, OWASP ASVS 14.4).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    let https: Bool

    /// No inline script or style anywhere: the organisation's colour comes from a stylesheet route.
    static let contentSecurityPolicy = [
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
        "font-src 'self'", "connect-src 'self'", "form-action 'self'", "frame-ancestors 'none'",
        "base-uri 'none'", "object-src 'none'",
    ].joined(separator: "; ")

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            // Token links (setup, activation, later invitations) must not leak to other sites.
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
            ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if https {
            response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        // Pages and downloads (exports, CSV) may hold personal data or results: never keep them
        // in a shared or back-button cache.
        let isPage = response.headers.contentType.map { $0 == .html || $0 == .json || $0.subType == "problem+json" || $0.subType == "csv" } ?? false
        let isDownload = response.headers.first(name: .contentDisposition) != nil
        if response.headers.first(name: .cacheControl) == nil, isPage || isDownload {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }
}
