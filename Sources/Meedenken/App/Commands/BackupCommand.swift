import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken backup FILE`: a consistent copy of the SQLite database, safe while serving
/// (`VACUUM INTO` reads one snapshot). PostgreSQL has its own tool for this: `pg_dump`.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "destination", help: "File to write the copy to; must not exist yet.")
        var destination: String
    }

    struct BackupError: Error, CustomStringConvertible {
        let description: String
    }

    var help: String { "Writes a consistent copy of the SQLite database (on PostgreSQL: use pg_dump)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqlite = app.config.database else {
            throw BackupError(
                description: "Meedenken runs on PostgreSQL here: back it up with pg_dump, e.g. `pg_dump --format=custom --file=meedenken.dump DATABASE_URL`.")
        }
        let destination = signature.destination
        if FileManager.default.fileExists(atPath: destination) {
            throw BackupError(description: "\(destination) already exists; choose a new file name.")
        }
        try await Store(app.db, for: "backup").backUpSQLite(to: destination)
        context.console.print("Backup written to \(destination)")
    }
}
