import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Where `ResponseWriteQueue` writes its batches: a transaction of the application's database
/// (PostgreSQL, in-memory SQLite), or the SQLite file's own response writer.
protocol ResponseStore: Sendable {
    /// Stores the submissions in one transaction; per submission whether it was stored (false:
    /// its draft had been sent already).
    func store(_ submissions: [ResponseRecorder.Submission]) async throws -> [Bool]

    /// Called when no submission is waiting any more: a moment to tidy up what the writes left.
    func settled() async
}

extension ResponseStore {
    func settled() async {}
}

/// A transaction on the application's database, on whichever event loop is free. PostgreSQL
/// has many connections, and an in-memory SQLite database has only the one.
struct DatabaseResponseStore: ResponseStore {
    let databases: Databases
    let eventLoops: any EventLoopGroup
    let logger: Logger

    init(_ app: Application) {
        databases = app.databases
        eventLoops = app.eventLoopGroup
        logger = app.logger
    }

    func store(_ submissions: [ResponseRecorder.Submission]) async throws -> [Bool] {
        guard let database = databases.database(logger: logger, on: eventLoops.any()) else {
            throw LocalizedError(.internalServerError, "error.message.500")
        }
        return try await ResponseRecorder.store(submissions, on: database)
    }
}
