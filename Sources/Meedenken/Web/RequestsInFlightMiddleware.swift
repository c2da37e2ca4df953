import MeedenkenCore
import MeedenkenStore
import NIOConcurrencyHelpers
import Vapor

/// At most `limit` requests are handled at once; beyond that a calm 503 with Retry-After, before
/// any work is done. Vapor has no limit on open connections: idle and half-sent ones are closed
/// after MEEDENKEN_CONNECTION_IDLE_SECONDS, and this bounds what the open ones can make the server
/// do at the same time. The health checks always pass, so a load balancer still sees the
/// instance (and a reverse proxy limits connections per address, README "On a server").
final class RequestsInFlightMiddleware: AsyncMiddleware {
    let limit: Int
    private let inFlight = NIOLockedValueBox(0)

    init(limit: Int) {
        self.limit = limit
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if [SiteRoute.healthz.path, SiteRoute.readyz.path].contains(request.url.path) { return try await next.respond(to: request) }
        let admitted = inFlight.withLockedValue { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
        guard admitted else { throw UserFacingError(.serviceUnavailable, "error.busy", headers: ["Retry-After": "5"]) }
        defer { inFlight.withLockedValue { $0 -= 1 } }
        return try await next.respond(to: request)
    }
}
