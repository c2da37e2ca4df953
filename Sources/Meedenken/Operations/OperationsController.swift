import Fluent
import MeedenkenCore
import MeedenkenStore
import Prometheus
import Vapor

/// Endpoints for the load balancer and monitoring. No personal data, no session needed; the
/// metrics need their own token.
struct OperationsController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .healthz, access: .anyone, use: alive)
        routes.on(.GET, .readyz, access: .anyone, use: ready)
        routes.on(.GET, .metrics, access: .anyone, use: metrics)
    }

    @Sendable func alive(req: Request) async throws -> Response {
        plain("alive\n")
    }

    @Sendable func ready(req: Request) async throws -> Response {
        if await ping(req) != nil { return plain("ready\n") }
        return plain("database unreachable\n", status: .serviceUnavailable)
    }

    /// Counts by route show when invitations are answered, so only a monitoring server holding
    /// MEEDENKEN_METRICS_TOKEN sees them; without a token configured there is nothing here.
    @Sendable func metrics(req: Request) async throws -> Response {
        guard let token = req.application.config.metricsToken else { throw UserFacingError(.notFound, "error.message.404") }
        guard let sent = req.headers.bearerAuthorization?.token, SecureToken.constantTimeEquals(sent, token) else {
            throw UserFacingError(.unauthorized, "metrics.error.token", headers: ["WWW-Authenticate": "Bearer"])
        }
        let seconds = await ping(req)
        MetricsRegistry.databaseUp.set(seconds == nil ? 0.0 : 1.0)
        MetricsRegistry.databasePingSeconds.set(seconds ?? 0)
        MetricsRegistry.databasePoolMaxConnections.set(Double(req.application.databasePoolSize))
        let response = Response(status: .ok, body: .init(string: MetricsRegistry.shared.emitToString()))
        response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return response
    }

    /// Seconds a `SELECT 1` took, or nil when the database cannot be reached.
    private func ping(_ req: Request) async -> Double? {
        let start = ContinuousClock.now
        do {
            try await req.store.ping()
        } catch {
            req.logger.warning("readiness check failed", metadata: ["error": .string(String(describing: type(of: error)))])
            return nil
        }
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func plain(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .plainText
        return response
    }
}
