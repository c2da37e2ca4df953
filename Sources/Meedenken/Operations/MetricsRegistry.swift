import MeedenkenCore
import MeedenkenStore
import Metrics
import Prometheus

/// One Prometheus registry for the process. swift-metrics can be bootstrapped only once per
/// process, so the bootstrap happens here, lazily and once, however many applications a test run
/// starts. Vapor then records `http_requests_total` and `http_request_duration_seconds` by route.
enum MetricsRegistry {
    static let shared: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static let databasePingSeconds = shared.makeGauge(
        name: "meedenken_database_ping_seconds", help: "Time of a trivial query at the last scrape")
    static let databasePoolMaxConnections = shared.makeGauge(
        name: "meedenken_database_pool_max_connections_per_event_loop", help: "Configured database connections per event loop")
    static let databaseUp = shared.makeGauge(
        name: "meedenken_database_up", help: "1 when the last scrape could reach the database")
}
