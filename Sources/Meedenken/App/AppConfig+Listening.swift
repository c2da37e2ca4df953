import Foundation
import MeedenkenCore
import MeedenkenStore

extension AppConfig {
    /// The configuration for serving on the host and port given on the command line
    /// (`serve --hostname H --port P`): without MEEDENKEN_PUBLIC_URL the public address follows
    /// them, so the banner, links in mail and the Origin check name the address actually served.
    /// An explicit MEEDENKEN_PUBLIC_URL wins (a reverse proxy's address).
    public func listening(hostname: String?, port: Int?) throws -> AppConfig {
        var problems: [String] = []
        if let port, !(1...65535).contains(port) { problems.append("--port must be a whole number from 1 to 65535, got \(port)") }
        if let hostname, hostname.isEmpty || hostname.contains(where: { $0.isWhitespace || "/?#@".contains($0) }) {
            problems.append("--hostname must be an address or host name, got \"\(hostname)\"")
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var config = self
        config.host = hostname ?? host
        config.port = port ?? self.port
        guard !publicURLIsExplicit else { return config }
        guard let url = URL(string: Self.derivedPublicURL(host: config.host, port: config.port)), url.host != nil else {
            throw ConfigurationError(problems: ["--hostname \(config.host) gives no usable address: set MEEDENKEN_PUBLIC_URL"])
        }
        if let problem = Self.plainHTTPProblem(url, explicit: false, allowPlainHTTP: allowPlainHTTP) {
            throw ConfigurationError(problems: [problem])
        }
        config.publicBaseURL = url
        return config
    }

    /// `http://HOST:PORT`, the default public address; an IPv6 address goes in brackets.
    static func derivedPublicURL(host: String, port: Int) -> String {
        let needsBrackets = host.contains(":") && !host.hasPrefix("[")
        return "http://\(needsBrackets ? "[\(host)]" : host):\(port)"
    }

    /// Plain http is only for this machine unless asked for: cookies lose `Secure` on it.
    static func plainHTTPProblem(_ url: URL, explicit: Bool, allowPlainHTTP: Bool) -> String? {
        guard url.scheme == "http", !allowPlainHTTP, !["127.0.0.1", "localhost", "::1", "[::1]"].contains(url.host ?? "") else {
            return nil
        }
        let setting = explicit ? "MEEDENKEN_PUBLIC_URL" : "The public address \(url.absoluteString) (from the host, MEEDENKEN_PUBLIC_URL not set)"
        return "\(setting) uses plain http on \(url.host ?? "?"): use https, or set MEEDENKEN_ALLOW_PLAIN_HTTP=true for a test setup"
    }
}
