import Foundation
import MeedenkenCore
import MeedenkenStore
import NIOHTTP1
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// A test client that behaves like one browser: it keeps cookies between requests, sends the CSRF
/// token our forms carry, and can read values out of pages.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    var origin: String?
    var remoteAddress: String = "127.0.0.1"

    /// In memory by default; `.running` goes through the real HTTP server (body limits, streaming).
    let transport: Application.Method

    init(_ app: Application, transport: Application.Method = .inMemory) {
        self.app = app
        self.transport = transport
    }

    var csrfToken: String? { cookies[app.config.cookieNames.csrf] }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await send(.GET, path)
    }

    /// Posts a form. The CSRF token is added unless `csrf` is false or the form has its own.
    @discardableResult
    func post(_ path: String, _ fields: [(String, String)] = [], csrf: Bool = true, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        if csrf && csrfToken == nil { try await get(SiteRoute.home.path) }
        var pairs = fields
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }), let token = csrfToken { pairs.append(("_csrf", token)) }
        let body = pairs.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(.POST, path, body: body, contentType: "application/x-www-form-urlencoded", headers: headers)
    }

    func send(_ method: HTTPMethod, _ path: String, body: String? = nil, contentType: String? = nil, headers extra: HTTPHeaders = [:]) async throws
        -> TestingHTTPResponse
    {
        try await send(method, path, bytes: body.map { Data($0.utf8) }, contentType: contentType, headers: extra)
    }

    func send(_ method: HTTPMethod, _ path: String, bytes: Data?, contentType: String? = nil, headers extra: HTTPHeaders = [:]) async throws
        -> TestingHTTPResponse
    {
        var headers = extra
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
        if let origin { headers.replaceOrAdd(name: .origin, value: origin) }
        // The proxy's header names the client; a test may send its own (a spoofed chain).
        if extra[.xForwardedFor].isEmpty { headers.replaceOrAdd(name: .xForwardedFor, value: remoteAddress) }
        var buffer: ByteBuffer?
        if let bytes { buffer = ByteBuffer(bytes: bytes) }
        let response = try await app.testing(method: transport).performTest(
            request: TestingHTTPRequest(method: method, url: URI(string: path), headers: headers, body: buffer ?? ByteBuffer()))
        for value in response.headers[.setCookie] {
            guard let pair = value.split(separator: ";").first, let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]).trimmingCharacters(in: .whitespaces)
            let cookieValue = String(pair[pair.index(after: equals)...])
            if cookieValue.isEmpty || value.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = cookieValue }
        }
        return response
    }

    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    /// Drops the session cookie, as a browser does when it is closed.
    func forgetSession() { cookies[app.config.cookieNames.session] = nil }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var location: String? { headers.first(name: .location) }

    /// The first capture of `pattern` in the page.
    func firstMatch(_ pattern: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
            let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), match.numberOfRanges > 1,
            let range = Range(match.range(at: 1), in: text)
        else { return nil }
        return String(text[range])
    }
}
