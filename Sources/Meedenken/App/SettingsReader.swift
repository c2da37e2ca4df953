import Foundation
import MeedenkenCore
import MeedenkenStore

/// Reads typed settings from environment variables and remembers every problem, so that one start
/// attempt reports all of them at once.
struct SettingsReader {
    let environment: [String: String]
    private(set) var problems: [String] = []

    init(environment: [String: String]) { self.environment = environment }

    mutating func problem(_ text: String) { problems.append(text) }

    func raw(_ name: String) -> String? {
        guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    func string(_ name: String, default fallback: String) -> String { raw(name) ?? fallback }

    mutating func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
        guard let text = raw(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            problem("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
            return fallback
        }
        return value
    }

    mutating func bool(_ name: String, default fallback: Bool) -> Bool {
        guard let text = raw(name)?.lowercased() else { return fallback }
        switch text {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default:
            problem("\(name) must be true or false, got \"\(text)\"")
            return fallback
        }
    }

    /// A comma-separated list of IP addresses or CIDR blocks.
    mutating func addressRanges(_ name: String, default fallback: String) -> [IPAddressRange] {
        let entries = string(name, default: fallback).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let wrong = entries.filter { IPAddressRange($0) == nil }
        if !wrong.isEmpty {
            problem("\(name) must list IP addresses or CIDR blocks (10.0.0.0/8), separated by commas; not understood: \(wrong.joined(separator: ", "))")
        }
        return entries.compactMap(IPAddressRange.init)
    }

    /// 32 random bytes, written as 64 hex digits or in base64 (`openssl rand -hex 32`).
    mutating func secretKey(_ name: String) -> Data? {
        guard let text = raw(name) else { return nil }
        let hexBytes: [UInt8]? =
            text.count == 64
            ? stride(from: 0, to: 64, by: 2).compactMap { offset -> UInt8? in
                let start = text.index(text.startIndex, offsetBy: offset)
                return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16)
            } : nil
        if let hexBytes, hexBytes.count == 32 { return Data(hexBytes) }
        if let data = Data(base64Encoded: text), data.count == 32 { return data }
        problem("\(name) must be 32 random bytes, as 64 hex digits or in base64 (make one with `openssl rand -hex 32`)")
        return nil
    }

    /// SQLite unless PostgreSQL is configured, either as one URL or as separate parts.
    /// Half a PostgreSQL configuration is an error naming each missing part, never a silent SQLite.
    mutating func database(dataDirectory: String) -> AppConfig.DatabaseSetting? {
        let partNames = ["MEEDENKEN_POSTGRES_HOST", "MEEDENKEN_POSTGRES_USER", "MEEDENKEN_POSTGRES_DATABASE"]
        let optionalParts = ["MEEDENKEN_POSTGRES_PORT", "MEEDENKEN_POSTGRES_PASSWORD"]
        let givenParts = (partNames + optionalParts).filter { raw($0) != nil }
        if let url = raw("MEEDENKEN_DATABASE_URL") {
            if !givenParts.isEmpty {
                problem("MEEDENKEN_DATABASE_URL is set together with \(givenParts.joined(separator: ", ")): use one or the other")
                return nil
            }
            guard let components = URLComponents(string: url),
                ["postgres", "postgresql"].contains(components.scheme ?? ""),
                components.host?.isEmpty == false, components.path.count > 1
            else {
                problem("MEEDENKEN_DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE")
                return nil
            }
            return .postgres(url: url)
        }
        if !givenParts.isEmpty {
            let missing = partNames.filter { raw($0) == nil }
            if !missing.isEmpty {
                problem("PostgreSQL is half configured: missing \(missing.joined(separator: ", ")) (given: \(givenParts.joined(separator: ", ")))")
                return nil
            }
            var components = URLComponents()
            components.scheme = "postgres"
            components.host = raw("MEEDENKEN_POSTGRES_HOST")
            components.user = raw("MEEDENKEN_POSTGRES_USER")
            components.password = raw("MEEDENKEN_POSTGRES_PASSWORD")
            components.port = integer("MEEDENKEN_POSTGRES_PORT", default: 5432, range: 1...65535)
            components.path = "/" + (raw("MEEDENKEN_POSTGRES_DATABASE") ?? "")
            return components.string.map { .postgres(url: $0) }
        }
        let path = string("MEEDENKEN_SQLITE_PATH", default: "\(dataDirectory)/meedenken.sqlite")
        return path == ":memory:" ? .sqliteInMemory : .sqlite(path: path)
    }

    mutating func mailTransport(dataDirectory: String) -> AppConfig.MailTransport? {
        switch string("MEEDENKEN_MAIL_TRANSPORT", default: "folder") {
        case "folder":
            return .folder(path: string("MEEDENKEN_MAIL_FOLDER", default: "\(dataDirectory)/mail"))
        case "smtp":
            guard let host = raw("MEEDENKEN_SMTP_HOST") else {
                problem("MEEDENKEN_MAIL_TRANSPORT=smtp needs MEEDENKEN_SMTP_HOST")
                return nil
            }
            let securityText = string("MEEDENKEN_SMTP_SECURITY", default: "starttls")
            guard let security = AppConfig.SMTPSettings.Security(rawValue: securityText) else {
                problem("MEEDENKEN_SMTP_SECURITY must be starttls, tls or none, got \"\(securityText)\"")
                return nil
            }
            let username = raw("MEEDENKEN_SMTP_USERNAME")
            let password = raw("MEEDENKEN_SMTP_PASSWORD")
            if (username == nil) != (password == nil) {
                problem("MEEDENKEN_SMTP_USERNAME and MEEDENKEN_SMTP_PASSWORD go together: set both or neither")
            }
            if security == .none, username != nil || password != nil {
                problem(
                    "MEEDENKEN_SMTP_SECURITY=none with MEEDENKEN_SMTP_USERNAME/MEEDENKEN_SMTP_PASSWORD would send the password unencrypted: use starttls or tls, or no login"
                )
            }
            let port = integer("MEEDENKEN_SMTP_PORT", default: security == .tls ? 465 : 587, range: 1...65535)
            let authority = raw("MEEDENKEN_SMTP_CA_FILE")
            if let authority, !FileManager.default.fileExists(atPath: authority) {
                problem("MEEDENKEN_SMTP_CA_FILE names \(authority), which does not exist")
            }
            return .smtp(
                .init(host: host, port: port, username: username, password: password, security: security, certificateAuthorityFile: authority))
        case let other:
            problem("MEEDENKEN_MAIL_TRANSPORT must be folder or smtp, got \"\(other)\"")
            return nil
        }
    }
}
