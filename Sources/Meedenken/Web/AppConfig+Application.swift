import MeedenkenCore
import MeedenkenStore
import Vapor

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The configuration `configure` was given; set once there.
    var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else {
                fatalError("AppConfig is set by configure(_:config:) before anything reads it")
            }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}

/// Cookie names. Over HTTPS they carry the `__Host-` prefix, which browsers accept only with
/// Secure, Path=/ and no Domain: a sibling subdomain cannot plant or overwrite them.
struct CookieNames: Sendable {
    let session: String
    let csrf: String
    let language: String

    init(https: Bool) {
        let prefix = https ? "__Host-" : ""
        session = prefix + "meedenken-session"
        csrf = prefix + "meedenken-csrf"
        language = prefix + "meedenken-lang"
    }
}

extension AppConfig {
    var cookieNames: CookieNames { CookieNames(https: isHTTPS) }

    /// A cookie that only this site's pages send: HttpOnly, SameSite=Lax, Secure over HTTPS.
    func cookie(_ value: String, maxAge: Int?) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/", isSecure: isHTTPS, isHTTPOnly: true, sameSite: .lax)
    }

    /// The scheme://host[:port] that browsers send as `Origin` for our own pages.
    var origin: String {
        var origin = "\(publicBaseURL.scheme ?? "http")://\(publicBaseURL.host ?? "")"
        if let port = publicBaseURL.port { origin += ":\(port)" }
        return origin
    }
}
