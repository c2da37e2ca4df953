import AsyncKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix

/// What a driver's error means for the people waiting: the database cannot be reached right now
/// (a stopped PostgreSQL, a full pool, a locked or unreadable SQLite file), or something else.
package enum DatabaseFailure {
    /// Whether `error` means "cannot be reached right now" (answered with a calm 503, never a 500).
    package static func isUnreachable(_ error: any Error) -> Bool {
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

    /// Whether the error came from a driver at all (rather than from Meedenken's own code).
    package static func isDriverError(_ error: any Error) -> Bool {
        error is PSQLError || error is SQLiteError
    }

    /// Whether SQLite could not open its file.
    package static func isSQLiteCantOpen(_ error: any Error) -> Bool {
        (error as? SQLiteError)?.reason == .cantOpen
    }

    /// Why, in the driver's own words, for the command line.
    package static func reason(_ error: any Error) -> String {
        switch error {
        case let error as PSQLError:
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return "\(error.code)"
        case let error as SQLiteError: return error.message
        default: return String(describing: error)
        }
    }
}
