import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

@Suite("Operations endpoints")
struct OperationsTests {
    @Test(arguments: TestDatabase.all)
    func healthReadinessAndMetricsAnswerWithoutASession(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_METRICS_TOKEN": Self.metricsToken]) { app, _ in
            let browser = Browser(app)
            let alive = try await browser.get(SiteRoute.healthz.path)
            #expect(alive.status == .ok && alive.text == "alive\n")
            let ready = try await browser.get(SiteRoute.readyz.path)
            #expect(ready.status == .ok && ready.text == "ready\n")
            try await browser.get("/bestaat-niet")
            let metrics = try await browser.send(.GET, SiteRoute.metrics.path, headers: ["Authorization": "Bearer \(Self.metricsToken)"])
            #expect(metrics.status == .ok)
            #expect(metrics.headers.first(name: .contentType)?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(metrics.text.contains("# TYPE http_requests_total counter"))
            #expect(metrics.text.contains("http_request_duration_seconds"))
            #expect(metrics.text.contains("meedenken_database_up 1"))
            #expect(metrics.text.contains("meedenken_database_pool_max_connections_per_event_loop"))
        }
    }

    static let metricsToken = "metrics-token-for-tests-0123456789abcdef"

    @Test(arguments: TestDatabase.all)
    func metricsNeedTheirTokenAndAreOffWithoutOne(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_METRICS_TOKEN": Self.metricsToken]) { app, _ in
            let browser = Browser(app)
            let without = try await browser.get(SiteRoute.metrics.path)
            #expect(without.status == .unauthorized && without.headers.first(name: "WWW-Authenticate") == "Bearer")
            #expect(!without.text.contains("http_requests_total"))
            let wrong = try await browser.send(.GET, SiteRoute.metrics.path, headers: ["Authorization": "Bearer \(Self.metricsToken.dropLast())x"])
            #expect(wrong.status == .unauthorized && !wrong.text.contains("http_requests_total"))
        }
        try await withMeedenken(database) { app, _ in
            let browser = Browser(app)
            let off = try await browser.send(.GET, SiteRoute.metrics.path, headers: ["Authorization": "Bearer \(Self.metricsToken)"])
            #expect(off.status == .notFound && !off.text.contains("http_requests_total"))
        }
        #expect(throws: ConfigurationError.self, "a short token is refused") { try AppConfig.load(from: ["MEEDENKEN_METRICS_TOKEN": "kort"]) }
    }

    @Test func readinessSaysServiceUnavailableWhenTheDatabaseCannotBeReached() async throws {
        // Nothing listens on port 1: the connection is refused at once.
        try await withConfiguredApp(setting: .postgres(url: "postgres://meedenken@127.0.0.1:1/meedenken"), clock: TestClock(), migrate: false) { app in
            let browser = Browser(app)
            let ready = try await browser.get(SiteRoute.readyz.path)
            #expect(ready.status == .serviceUnavailable && ready.text == "database unreachable\n")
            #expect(try await browser.get(SiteRoute.healthz.path).status == .ok, "alive all the same")
            let page = try await browser.get(SiteRoute.home.path)
            #expect(page.status == .internalServerError || page.status == .serviceUnavailable)
            #expect(!page.text.contains("PSQLError") && !page.text.contains("connection"), "no internals")
        }
    }
}
