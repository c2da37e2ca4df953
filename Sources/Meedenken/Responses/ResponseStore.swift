import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Where `ResponseWriteQueue` writes its batches: a transaction of the application's database
/// (PostgreSQL, in-memory SQLite), or the SQLite file's own response writer.
protocol ResponseStore: Sendable {
    /// Stores the responses in one transaction (`Store.storeResponses`); per response whether it
    /// was stored (false: its draft had been sent already).
    func store(_ batch: [NewResponse]) async throws -> [Bool]

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

    func store(_ batch: [NewResponse]) async throws -> [Bool] {
        guard let database = databases.database(logger: logger, on: eventLoops.any()) else {
            throw UserFacingError(.internalServerError, "error.message.500")
        }
        return try await Store(database, for: "storing responses").storeResponses(batch)
    }
}

/// The SQLite file's own response writer (`SQLiteResponseWriter`, in the store): its connection
/// and thread stop with the application.
struct SQLiteFileResponseStore: ResponseStore, LifecycleHandler {
    let writer: SQLiteResponseWriter

    init(path: String, synchronous: AppConfig.SQLiteSynchronous, logger: Logger) {
        writer = SQLiteResponseWriter(path: path, synchronous: synchronous.rawValue, logger: logger)
    }

    func store(_ batch: [NewResponse]) async throws -> [Bool] { try await writer.store(batch) }

    func settled() async { await writer.settled() }

    func shutdownAsync(_ application: Application) async { await writer.stop() }
}
