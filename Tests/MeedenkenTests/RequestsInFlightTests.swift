import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// As many clients at once as it takes to tie the server up: beyond the limit a request gets a
/// calm 503 at once, the health checks still answer, and the next request after is served.
@Suite("Requests in flight")
struct RequestsInFlightTests {
    /// Holds a request inside the server until it is opened.
    actor Gate {
        private var waiting: CheckedContinuation<Void, Never>?
        private(set) var isHolding = false

        func hold() async {
            await withCheckedContinuation { continuation in
                waiting = continuation
                isHolding = true
            }
        }

        func open() {
            waiting?.resume()
            waiting = nil
        }
    }

    struct Held: AsyncResponder {
        let gate: Gate
        func respond(to request: Request) async throws -> Response {
            await gate.hold()
            return Response(status: .ok)
        }
    }

    struct Quick: AsyncResponder {
        func respond(to request: Request) async throws -> Response { Response(status: .ok) }
    }

    @Test func aRequestBeyondTheLimitGetsACalm503AndTheHealthChecksStillAnswer() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            let middleware = RequestsInFlightMiddleware(limit: 1)
            func request(_ path: String) -> Request { Request(application: app, method: .GET, url: URI(path: path), on: app.eventLoopGroup.next()) }
            let gate = Gate()
            let first = Task { try await middleware.respond(to: request("/"), chainingTo: Held(gate: gate)) }
            while !(await gate.isHolding) { await Task.yield() }
            do {
                _ = try await middleware.respond(to: request("/werkplek"), chainingTo: Quick())
                Issue.record("a second request was let in")
            } catch let error as UserFacingError {
                #expect(error.status == .serviceUnavailable && error.messageKey == "error.busy")
                #expect(error.headers.first(name: .retryAfter) == "5")
            }
            #expect(try await middleware.respond(to: request(SiteRoute.healthz.path), chainingTo: Quick()).status == .ok)
            #expect(try await middleware.respond(to: request(SiteRoute.readyz.path), chainingTo: Quick()).status == .ok)
            await gate.open()
            #expect(try await first.value.status == .ok)
            #expect(try await middleware.respond(to: request("/"), chainingTo: Quick()).status == .ok, "the place is free again")
        }
    }

    @Test func theLimitIsASetting() throws {
        #expect(try AppConfig.load(from: [:]).maximumRequestsInFlight == 512)
        #expect(try AppConfig.load(from: ["MEEDENKEN_MAX_REQUESTS_IN_FLIGHT": "40"]).maximumRequestsInFlight == 40)
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: ["MEEDENKEN_MAX_REQUESTS_IN_FLIGHT": "0"]) }
    }
}
