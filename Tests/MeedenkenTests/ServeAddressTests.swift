import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// `serve --hostname H --port P` and the public address agree: issue 20.
@Suite("Serving on the command line's address")
struct ServeAddressTests {
    @Test func withoutAPublicURLTheCommandLinesPortAndHostBecomeThePublicAddress() throws {
        let config = try AppConfig.load(from: [:]).listening(hostname: "localhost", port: 9123)
        #expect(config.host == "localhost" && config.port == 9123)
        #expect(config.publicBaseURL.absoluteString == "http://localhost:9123")
        #expect(config.origin == "http://localhost:9123")
        let portOnly = try AppConfig.load(from: ["MEEDENKEN_PORT": "8181"]).listening(hostname: nil, port: 9124)
        #expect(portOnly.publicBaseURL.absoluteString == "http://127.0.0.1:9124")
        let environmentOnly = try AppConfig.load(from: ["MEEDENKEN_PORT": "8181"]).listening(hostname: nil, port: nil)
        #expect(environmentOnly.publicBaseURL.absoluteString == "http://127.0.0.1:8181")
        let ipv6 = try AppConfig.load(from: [:]).listening(hostname: "::1", port: 9125)
        #expect(ipv6.publicBaseURL.absoluteString == "http://[::1]:9125")
    }

    @Test func anExplicitPublicURLWinsOverTheCommandLine() throws {
        let config = try AppConfig.load(from: ["MEEDENKEN_PUBLIC_URL": "https://meedenken.example.nl"])
            .listening(hostname: "0.0.0.0", port: 9123)
        #expect(config.host == "0.0.0.0" && config.port == 9123)
        #expect(config.publicBaseURL.absoluteString == "https://meedenken.example.nl")
    }

    @Test func aWrongPortOrPlainHTTPOnAnOpenAddressIsRefusedWithAMessage() {
        #expect(throws: ConfigurationError.self) { try AppConfig.load(from: [:]).listening(hostname: nil, port: 0) }
        do {
            _ = try AppConfig.load(from: [:]).listening(hostname: "0.0.0.0", port: 9123)
            Issue.record("plain http on every interface was accepted")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("MEEDENKEN_PUBLIC_URL") && error.description.contains("MEEDENKEN_ALLOW_PLAIN_HTTP"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func formsAndLinksFollowTheServedPort(database: TestDatabase) async throws {
        // An empty MEEDENKEN_PUBLIC_URL is "not set": the address follows the served port.
        try await withMeedenken(database, environment: ["MEEDENKEN_PUBLIC_URL": ""]) { app, _ in
            try app.listen(hostname: nil, port: 9123)
            #expect(app.http.server.configuration.port == 9123)
            let admin = try await makeUser(app, role: .administrator)
            let browser = Browser(app)
            browser.origin = "http://127.0.0.1:9123"
            try await logIn(browser, as: admin)
            let created = try await browser.post(
                SiteRoute.newUser.path, [("displayName", "Mila de Vries"), ("email", "mila@test.nl"), ("role", "researcher"), ("language", "nl")])
            #expect(created.status == .ok, "a form from the served address passes the Origin check")
            #expect(created.text.contains("<code id=\"activation-link\">http://127.0.0.1:9123/"))
            browser.origin = "http://127.0.0.1:8080"
            #expect(try await browser.post(SiteRoute.logout.path).status == .forbidden, "the old default address is another site")
        }
    }
}
