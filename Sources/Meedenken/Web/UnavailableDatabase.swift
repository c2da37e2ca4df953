import MeedenkenCore
import MeedenkenStore
import Vapor

/// Errors that mean "the database cannot be reached right now" (a stopped PostgreSQL, a full
/// pool, a locked or unreadable SQLite file): a calm 503 page or problem document with
/// `Retry-After`, never a 500 (DESIGN §4.4).
enum UnavailableDatabase {
    static func matches(_ error: any Error) -> Bool { DatabaseFailure.isUnreachable(error) }

    /// A plain sentence for the command line: which database could not be reached, and why.
    static func describe(_ error: any Error, setting: AppConfig.DatabaseSetting) -> String {
        let which: String =
            switch setting {
            case .sqlite(let path): "the SQLite file \(path)"
            case .sqliteInMemory: "the in-memory SQLite database"
            case .postgres(let url): "PostgreSQL at \(redacted(url))"
            }
        let why = DatabaseFailure.reason(error)
        return "Could not reach \(which): \(why)"
    }

    /// The address without its password.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url) else { return "(the configured address)" }
        if components.password != nil { components.password = "***" }
        return components.string ?? "(the configured address)"
    }
}
