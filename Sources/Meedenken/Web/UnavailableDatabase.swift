import AsyncKit
import FluentPostgresDriver
import FluentSQLiteDriver
import MeedenkenCore
import MeedenkenStore
import NIOCore
import NIOPosix
import Vapor

/// Errors that mean "the database cannot be reached right now" (a stopped PostgreSQL, a full
/// pool, a locked or unreadable SQLite file): a calm 503 page or problem document with
/// `Retry-After`, never a 500 (DESIGN §4.4).
enum UnavailableDatabase {
    static func matches(_ error: any Error) -> Bool {
        switch error {
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError:
            return true
        case let error as PSQLError:
            if error.code == .server {
                // The server refused the session itself (FATAL: shutting down, not accepting
                // connections, too many clients), not one statement.
                let state = error.serverInfo?[.sqlState] ?? ""
                let severity = error.serverInfo?[.severity] ?? ""
                return ["FATAL", "PANIC"].contains(severity) || state.hasPrefix("08") || state.hasPrefix("57P") || state.hasPrefix("53")
            }
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown, .sslUnsupported]
                .contains(error.code)
        case let error as SQLiteError:
            switch error.reason {
            case .busy, .locked, .ioError, .cantOpen, .busyTimeout, .busyInRecovery, .busyInSnapshot: return true
            default: return false
            }
        case let error as IOError:
            return [ECONNREFUSED, ECONNRESET, EHOSTUNREACH, ENETUNREACH, ETIMEDOUT].contains(error.errnoCode)
        default:
            return false
        }
    }

    /// A plain sentence for the command line: which database could not be reached, and why.
    static func describe(_ error: any Error, setting: AppConfig.DatabaseSetting) -> String {
        let which: String =
            switch setting {
            case .sqlite(let path): "the SQLite file \(path)"
            case .sqliteInMemory: "the in-memory SQLite database"
            case .postgres(let url): "PostgreSQL at \(redacted(url))"
            }
        let why: String
        switch error {
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] {
                why = message
            } else if let underlying = error.underlying {
                why = String(describing: underlying)
            } else {
                why = "\(error.code)"
            }
        case let error as SQLiteError: why = error.message
        default: why = String(describing: error)
        }
        return "Could not reach \(which): \(why)"
    }

    /// The address without its password.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(the configured address)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(the configured address)"
    }
}
