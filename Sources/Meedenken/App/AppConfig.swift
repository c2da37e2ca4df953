import Foundation
import MeedenkenCore
import MeedenkenStore

/// Every setting of Meedenken, read once from the environment (and `.env`) at start. README lists
/// each variable with its default; `.env.example` is the same list to copy.
public struct AppConfig: Sendable {
    public enum DatabaseSetting: Sendable, Equatable {
        case sqlite(path: String)
        case sqliteInMemory
        case postgres(url: String)
    }

    public enum MailTransport: Sendable, Equatable {
        /// Writes each mail as an `.eml` file into a folder: for local use and demos.
        case folder(path: String)
        case smtp(SMTPSettings)
    }

    public struct SMTPSettings: Sendable, Equatable {
        public enum Security: String, Sendable { case startTLS = "starttls", tls, none }
        public var host: String
        public var port: Int
        public var username: String?
        public var password: String?
        public var security: Security
        /// A PEM file with a certificate authority to trust besides the system's (an internal CA).
        public var certificateAuthorityFile: String?
    }

    public var host: String
    public var port: Int
    /// The address people use to reach Meedenken; links in mail and setup use it.
    public var publicBaseURL: URL
    /// Whether MEEDENKEN_PUBLIC_URL was set: then it wins; otherwise the address follows the host
    /// and port actually served on (`serve --port` included).
    public var publicURLIsExplicit: Bool
    public var database: DatabaseSetting
    public enum SQLiteSynchronous: String, Sendable { case normal, full }
    /// How often SQLite syncs to disk (with WAL).
    public var sqliteSynchronous: SQLiteSynchronous
    /// The organisation's calendar (`MEEDENKEN_TIME_ZONE`): which day a response, a closure or
    /// "today" falls on.
    public var calendar: OrganisationCalendar = .netherlands
    /// PostgreSQL connections per event loop (the process has one event loop per core).
    public var databasePoolSize: Int
    public var dataDirectory: String
    /// The folder holding `Resources/` and `Public/` when set; else they are looked for next to
    /// the executable, then in the working folder (`ResourceFolder`).
    public var resourcesDirectory: String?
    public var mailTransport: MailTransport
    public var mailFrom: String
    public var sessionIdleTimeout: TimeInterval
    public var sessionAbsoluteLifetime: TimeInterval
    public var organisationName: String
    /// Plain HTTP on a non-loopback address must be asked for explicitly (cookies lose `Secure`).
    public var allowPlainHTTP: Bool
    /// Honour `X-Forwarded-For` from a reverse proxy when limiting by client address.
    public var trustForwardedFor: Bool
    /// The reverse proxies whose `X-Forwarded-For` counts (addresses or CIDR blocks).
    var trustedProxies: [IPAddressRange]
    /// 32 bytes that seal second-factor secrets and key the recovery-code hashes (`SecretSealing`).
    var secretKey: Data?
    /// The key before the current one, still tried when opening (while rotating).
    var previousSecretKey: Data?
    /// The bearer token a monitoring server sends for `/metrics`; without one, `/metrics` is off.
    public var metricsToken: String?
    public var loginAttemptsPerAccount: Int
    public var loginAttemptsPerAddress: Int
    public var rateLimitWindow: TimeInterval
    /// Days between a trajectory's closing date and its invitations going out.
    public var invitationDelayDays: Int
    /// Days a personal link works after the invitation mail.
    public var invitationValidDays: Int
    /// Days between the invitation and each of at most two reminders.
    public var reminderIntervalDays: Int
    /// How often the background mailer looks for work.
    public var mailInterval: TimeInterval
    /// A connection that sends or receives nothing for this long is closed, so idle or
    /// half-sent connections cannot pile up (MEEDENKEN_CONNECTION_IDLE_SECONDS).
    public var connectionIdleTimeout: TimeInterval = 60
    /// At most this many requests are handled at once; more get a calm 503 at once
    /// (MEEDENKEN_MAX_REQUESTS_IN_FLIGHT).
    public var maximumRequestsInFlight = 512
    /// The panel's consent ages, contact cap and retention (`PanelSettings`).
    public var panel = PanelSettings()

    func isTrustedProxy(_ address: String) -> Bool { trustedProxies.contains { $0.contains(address) } }

    /// Served over HTTPS: cookies get `Secure` and the `__Host-` prefix, responses get HSTS.
    public var isHTTPS: Bool { publicBaseURL.scheme == "https" }
}

/// Why a configuration cannot be used. Each names the settings concerned, so an operator knows
/// what to fix without reading code.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String {
        "Meedenken cannot start, the configuration is incomplete or wrong:\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension AppConfig {
    /// Reads the configuration from environment variables; collects every problem before failing.
    public static func load(from environment: [String: String]) throws -> AppConfig {
        var reader = SettingsReader(environment: environment)
        let host = reader.string("MEEDENKEN_HOST", default: "127.0.0.1")
        let port = reader.integer("MEEDENKEN_PORT", default: 8080, range: 1...65535)
        let publicURLIsExplicit = reader.raw("MEEDENKEN_PUBLIC_URL") != nil
        let publicURLString = reader.string("MEEDENKEN_PUBLIC_URL", default: derivedPublicURL(host: host, port: port))
        let publicBaseURL = URL(string: publicURLString.hasSuffix("/") ? String(publicURLString.dropLast()) : publicURLString)
        if publicBaseURL?.scheme == nil || publicBaseURL?.host == nil
            || !["http", "https"].contains(publicBaseURL?.scheme ?? "")
        {
            reader.problem("MEEDENKEN_PUBLIC_URL must be an http(s) address such as https://meedenken.example.nl")
        }
        let dataDirectory = reader.string("MEEDENKEN_DATA_DIR", default: "data")
        let resourcesDirectory = reader.raw("MEEDENKEN_RESOURCES_DIR")
        let database = reader.database(dataDirectory: dataDirectory)
        let poolSize = reader.integer("MEEDENKEN_DATABASE_POOL_SIZE", default: 8, range: 1...100)
        let synchronousText = reader.string("MEEDENKEN_SQLITE_SYNCHRONOUS", default: "normal")
        let synchronous = SQLiteSynchronous(rawValue: synchronousText)
        if synchronous == nil { reader.problem("MEEDENKEN_SQLITE_SYNCHRONOUS must be normal or full, got \"\(synchronousText)\"") }
        let timeZoneName = reader.string("MEEDENKEN_TIME_ZONE", default: "Europe/Amsterdam")
        let timeZone = TimeZone(identifier: timeZoneName)
        if timeZone == nil { reader.problem("MEEDENKEN_TIME_ZONE must be a time zone such as Europe/Amsterdam, got \"\(timeZoneName)\"") }
        let mail = reader.mailTransport(dataDirectory: dataDirectory)
        let mailFrom = reader.string("MEEDENKEN_MAIL_FROM", default: "meedenken@localhost")
        let idleMinutes = reader.integer("MEEDENKEN_SESSION_IDLE_MINUTES", default: 30, range: 1...1440)
        let absoluteHours = reader.integer("MEEDENKEN_SESSION_ABSOLUTE_HOURS", default: 12, range: 1...168)
        let connectionIdleSeconds = reader.integer("MEEDENKEN_CONNECTION_IDLE_SECONDS", default: 60, range: 1...3600)
        let requestsInFlight = reader.integer("MEEDENKEN_MAX_REQUESTS_IN_FLIGHT", default: 512, range: 1...100_000)
        let organisationName = reader.string("MEEDENKEN_ORGANISATION_NAME", default: "Jeugdzorg Voorbeeld")
        let allowPlainHTTP = reader.bool("MEEDENKEN_ALLOW_PLAIN_HTTP", default: false)
        let trustForwardedFor = reader.bool("MEEDENKEN_TRUST_FORWARDED_FOR", default: false)
        let trustedProxies = reader.addressRanges("MEEDENKEN_TRUSTED_PROXIES", default: "127.0.0.1,::1")
        let secretKey = reader.secretKey("MEEDENKEN_SECRET_KEY")
        let previousSecretKey = reader.secretKey("MEEDENKEN_SECRET_KEY_PREVIOUS")
        if previousSecretKey != nil, secretKey == nil, reader.raw("MEEDENKEN_SECRET_KEY") == nil {
            reader.problem("MEEDENKEN_SECRET_KEY_PREVIOUS is set without MEEDENKEN_SECRET_KEY: set the new key too")
        }
        let metricsToken = reader.raw("MEEDENKEN_METRICS_TOKEN")
        if let metricsToken, metricsToken.count < 32 {
            reader.problem("MEEDENKEN_METRICS_TOKEN must be at least 32 characters (for example from `openssl rand -hex 32`)")
        }
        let perAccount = reader.integer("MEEDENKEN_LOGIN_ATTEMPTS_PER_ACCOUNT", default: 10, range: 1...1000)
        let perAddress = reader.integer("MEEDENKEN_LOGIN_ATTEMPTS_PER_ADDRESS", default: 50, range: 1...100_000)
        let windowMinutes = reader.integer("MEEDENKEN_RATE_LIMIT_WINDOW_MINUTES", default: 15, range: 1...1440)
        let delayDays = reader.integer("MEEDENKEN_INVITATION_DELAY_DAYS", default: 7, range: 0...365)
        let validDays = reader.integer("MEEDENKEN_INVITATION_VALID_DAYS", default: 30, range: 1...365)
        let reminderDays = reader.integer("MEEDENKEN_REMINDER_INTERVAL_DAYS", default: 7, range: 1...90)
        let panel = PanelSettings.read(&reader)
        let mailSeconds = reader.integer("MEEDENKEN_MAIL_INTERVAL_SECONDS", default: 30, range: 1...3600)
        if reminderDays * 2 >= validDays {
            reader.problem(
                "MEEDENKEN_REMINDER_INTERVAL_DAYS (\(reminderDays)) must be less than half of MEEDENKEN_INVITATION_VALID_DAYS (\(validDays)), so both reminders go out while the link works"
            )
        }

        if let url = publicBaseURL, let problem = plainHTTPProblem(url, explicit: publicURLIsExplicit, allowPlainHTTP: allowPlainHTTP) {
            reader.problem(problem)
        }
        guard reader.problems.isEmpty, let publicBaseURL, let database, let mail else {
            throw ConfigurationError(problems: reader.problems)
        }
        var config = AppConfig(
            host: host, port: port, publicBaseURL: publicBaseURL, publicURLIsExplicit: publicURLIsExplicit, database: database,
            sqliteSynchronous: synchronous ?? .normal,
            databasePoolSize: poolSize,
            dataDirectory: dataDirectory, resourcesDirectory: resourcesDirectory, mailTransport: mail, mailFrom: mailFrom,
            sessionIdleTimeout: TimeInterval(idleMinutes * 60),
            sessionAbsoluteLifetime: TimeInterval(absoluteHours * 3600),
            organisationName: organisationName, allowPlainHTTP: allowPlainHTTP,
            trustForwardedFor: trustForwardedFor, trustedProxies: trustedProxies, secretKey: secretKey, previousSecretKey: previousSecretKey,
            metricsToken: metricsToken,
            loginAttemptsPerAccount: perAccount,
            loginAttemptsPerAddress: perAddress, rateLimitWindow: TimeInterval(windowMinutes * 60),
            invitationDelayDays: delayDays, invitationValidDays: validDays, reminderIntervalDays: reminderDays,
            mailInterval: TimeInterval(mailSeconds), connectionIdleTimeout: TimeInterval(connectionIdleSeconds))
        config.maximumRequestsInFlight = requestsInFlight
        config.panel = panel
        config.calendar = OrganisationCalendar(timeZone: timeZone ?? .gmt)
        return config
    }
}
