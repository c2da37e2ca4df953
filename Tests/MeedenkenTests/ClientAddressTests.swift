import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOCore
import Testing
import Vapor

@testable import Meedenken

/// Behind a reverse proxy the client is the right-most X-Forwarded-For address that is not a
/// trusted proxy; what a client writes in the header itself counts for nothing (issue 12 #9).
@Suite("The client's address behind a proxy")
struct ClientAddressTests {
    private func clientAddress(peer: String?, forwarded: [String], environment: [String: String] = [:]) async throws -> String {
        let app = try await Application.make(.testing)
        app.config = try AppConfig.load(from: ["MEEDENKEN_TRUST_FORWARDED_FOR": "true"].merging(environment) { $1 })
        var headers = HTTPHeaders()
        for value in forwarded { headers.add(name: .xForwardedFor, value: value) }
        let request = Request(
            application: app, method: .GET, url: URI(path: "/"), headers: headers,
            remoteAddress: try peer.map { try SocketAddress(ipAddress: $0, port: 40000) }, logger: app.logger, on: app.eventLoopGroup.next())
        let address = request.clientAddress
        try await app.asyncShutdown()
        return address
    }

    @Test func aSpoofedLeftEntryIsIgnored() async throws {
        #expect(try await clientAddress(peer: "127.0.0.1", forwarded: ["6.6.6.6, 10.0.0.5"]) == "10.0.0.5")
        #expect(try await clientAddress(peer: "127.0.0.1", forwarded: ["6.6.6.6", "10.0.0.5"]) == "10.0.0.5", "repeated headers are one list")
        #expect(try await clientAddress(peer: "::1", forwarded: ["6.6.6.6,10.0.0.5, 127.0.0.1"]) == "10.0.0.5", "a second local proxy is skipped")
        #expect(try await clientAddress(peer: "::ffff:127.0.0.1", forwarded: ["10.0.0.5"]) == "10.0.0.5")
        #expect(try await clientAddress(peer: "127.0.0.1", forwarded: ["\"[2001:db8::7]:443\""]) == "2001:db8::7")
    }

    @Test func theHeaderCountsOnlyFromATrustedProxy() async throws {
        #expect(try await clientAddress(peer: "203.0.113.9", forwarded: ["10.0.0.5"]) == "203.0.113.9")
        let proxies = ["MEEDENKEN_TRUSTED_PROXIES": "10.0.0.0/8, 2001:db8::/32"]
        #expect(try await clientAddress(peer: "10.1.2.3", forwarded: ["6.6.6.6, 198.51.100.7, 10.9.9.9"], environment: proxies) == "198.51.100.7")
        #expect(try await clientAddress(peer: "2001:db8::1", forwarded: ["198.51.100.7"], environment: proxies) == "198.51.100.7")
        #expect(try await clientAddress(peer: "127.0.0.1", forwarded: ["198.51.100.7"], environment: proxies) == "127.0.0.1", "not in the list")
        let off = ["MEEDENKEN_TRUST_FORWARDED_FOR": "false"]
        #expect(try await clientAddress(peer: "127.0.0.1", forwarded: ["198.51.100.7"], environment: off) == "127.0.0.1")
    }

    @Test func aWrongProxyListIsRefusedNamingTheSetting() {
        do {
            _ = try AppConfig.load(from: ["MEEDENKEN_TRUSTED_PROXIES": "10.0.0.0/33, proxy.example"])
            Issue.record("a wrong list was accepted")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("MEEDENKEN_TRUSTED_PROXIES") && error.description.contains("proxy.example"))
            #expect(error.description.contains("10.0.0.0/33"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func aSpoofedLeftEntryChangesNeitherTheLimitNorTheAuditLog(database: TestDatabase) async throws {
        try await withMeedenken(database, environment: ["MEEDENKEN_LOGIN_ATTEMPTS_PER_ADDRESS": "3"]) { app, _ in
            let browser = Browser(app)
            var statuses: [HTTPResponseStatus] = []
            for attempt in 1...4 {
                // The test client has no network peer: it stands for the local proxy, which
                // appended 10.0.0.5; the client wrote a different address before it each time.
                let response = try await browser.post(
                    SiteRoute.login.path, [("email", "iemand\(attempt)@test.nl"), ("password", "fout")],
                    headers: ["X-Forwarded-For": "6.6.6.\(attempt), 10.0.0.5"])
                statuses.append(response.status)
            }
            #expect(statuses == [.unauthorized, .unauthorized, .unauthorized, .tooManyRequests])
            let addresses = Set(try await AuditEvent.query(on: app.db).all().compactMap(\.clientAddress))
            #expect(addresses == ["10.0.0.5"])
        }
    }
}
