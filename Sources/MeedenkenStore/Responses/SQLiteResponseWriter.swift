import FluentSQLiteDriver
import Foundation
import MeedenkenCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLKit
import SQLiteNIO

/// The SQLite file's writer of responses: one connection with an event loop and a thread of its
/// own, which runs a batch's statements back to back as one chain of futures.
///
/// SQLite has one writer at a time, so this connection is what limits how many responses per
/// second are stored. Through the pool every statement's answer came back on an event loop busy
/// with requests and waited its turn there: a batch of 14 took 7.5 ms, of which SQLite needed
/// about 1. Here nothing else runs on the loop, and the only wait left is SQLite's own.
///
/// Only the application's response queue (`ResponseWriteQueue`) calls `store`, one batch at a
/// time: a transaction's statements assume nothing else runs on this connection between its
/// BEGIN and COMMIT. The application stops it when it shuts down.
package final class SQLiteResponseWriter: Sendable {
    private struct Running: Sendable {
        let eventLoops: MultiThreadedEventLoopGroup
        let threadPool: NIOThreadPool
        let connection: EventLoopFuture<SQLiteConnection>
    }

    private let path: String
    /// `PRAGMA synchronous` as the pooled connections have it: `normal` or `full`.
    private let synchronous: String
    private let logger: Logger
    /// Started at the first submission: commands that never store a response get no threads.
    private let running = NIOLockedValueBox<Running?>(nil)

    package init(path: String, synchronous: String, logger: Logger) {
        self.path = path
        self.synchronous = synchronous
        self.logger = logger
    }

    /// As `Store.storeResponses` for real respondents, with the same statements (`ResponseBatch`).
    package func store(_ batch: [NewResponse]) async throws -> [Bool] {
        guard !batch.isEmpty else { return [] }
        do {
            return try await connection().flatMap { Self.transaction(batch, on: $0) }.get()
        } catch let error as SQLiteError where error.reason == .cantOpen {
            // Opened again at the next batch rather than failing every one after.
            await stop()
            throw error
        }
    }

    /// The write-ahead log keeps each batch's pages in the order they were committed, with the
    /// invitation's "completed" beside the new response: a copy of the `-wal` file would give
    /// both the order of arrival and who answered (docs/threat-model.md). When the queue is
    /// empty, its pages go into the database file and the log is cut to nothing. Never waiting:
    /// with a reader busy (an export) the checkpoint gives up at once and the next quiet moment
    /// tries again.
    package func settled() async {
        // Never while stopping, and stopping waits for a checkpoint under way: its query must not
        // outlive the connection and the thread it runs on.
        let admitted = tidying.withLockedValue { state in
            guard !state.isStopping else { return false }
            state.running += 1
            return true
        }
        guard admitted else { return }
        defer { tidying.withLockedValue { $0.running -= 1 } }
        guard let connection = try? await running.withLockedValue({ $0?.connection })?.get() else { return }
        for statement in ["PRAGMA busy_timeout = 0", "PRAGMA wal_checkpoint(TRUNCATE)", "PRAGMA busy_timeout = 10000"] {
            // The log holds the order responses arrived in: say so when it could not be emptied
            // (a reader held it; the next quiet moment tries again).
            do {
                let rows = try await connection.query(statement).get()
                if statement.contains("wal_checkpoint"), let busy = rows.first?.column("busy")?.integer, busy != 0 {
                    logger.notice("the write-ahead log was not emptied: a reader held it; trying again at the next quiet moment")
                }
            } catch {
                logger.warning("the write-ahead log could not be emptied", metadata: ["error": "\(String(describing: type(of: error)))"])
            }
        }
    }

    /// Whether the writer is stopping, and how many checkpoints are under way.
    private let tidying = NIOLockedValueBox((isStopping: false, running: 0))

    /// BEGIN IMMEDIATE, claim, the batch's statements, COMMIT; ROLLBACK and the error if any fails.
    /// Immediate: the pool's connections write to the same file (drafts), and waiting for the
    /// write lock at the start (busy_timeout) is safe where upgrading a read later is not.
    private static func transaction(_ batch: [NewResponse], on connection: SQLiteConnection) -> EventLoopFuture<[Bool]> {
        let sql = connection.sql()
        @Sendable func run(_ statement: any SQLExpression) -> EventLoopFuture<Void> { sql.execute(sql: statement) { _ in } }
        let claimedRows = NIOLockedValueBox<[any SQLRow]>([])
        let claim = ResponseBatch.claim(batch)
        return run(SQLRaw("BEGIN IMMEDIATE"))
            .flatMap {
                guard let claim else { return connection.eventLoop.makeSucceededVoidFuture() }
                return sql.execute(sql: claim) { row in claimedRows.withLockedValue { $0.append(row) } }
            }
            .flatMapThrowing {
                ResponseBatch(
                    batch, claimed: Set(try claimedRows.withLockedValue { rows in try rows.map { try $0.decode(column: "id", as: UUID.self) } }),
                    hiding: .randomRowIDs)
            }
            .flatMap { written in
                written.statements.reduce(connection.eventLoop.makeSucceededVoidFuture()) { previous, statement in previous.flatMap { run(statement) } }
                    .map { written.stored }
            }
            .flatMap { stored in run(SQLRaw("COMMIT")).map { stored } }
            .flatMapError { error in
                // The original error, whether or not the rollback works (it fails when BEGIN did).
                run(SQLRaw("ROLLBACK")).flatMapThrowing { throw error }.flatMapErrorThrowing { _ in throw error }
            }
    }

    private func connection() -> EventLoopFuture<SQLiteConnection> {
        running.withLockedValue { running in
            if let running { return running.connection }
            let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let threadPool = NIOThreadPool(numberOfThreads: 1)
            threadPool.start()
            let connection = SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger, on: eventLoops.next())
                .flatMap { connection in
                    // What every pooled connection has (foreign keys from Fluent's driver, the
                    // rest from `DatabasePreparation`): these are per connection in SQLite.
                    let settings = [
                        "PRAGMA foreign_keys = ON", "PRAGMA synchronous = \(self.synchronous.uppercased())", "PRAGMA busy_timeout = 10000",
                        "PRAGMA secure_delete = ON", "PRAGMA temp_store = MEMORY",
                        "PRAGMA cache_size = \(Store.sqliteCacheKibibytes)",
                    ]
                    return settings.reduce(connection.eventLoop.makeSucceededVoidFuture()) { previous, setting in
                        previous.flatMap { connection.query(setting).map { _ in } }
                    }.map { connection }
                }
            running = Running(eventLoops: eventLoops, threadPool: threadPool, connection: connection)
            return connection
        }
    }

    /// Closes the connection and stops its thread; the next batch opens it again.
    package func stop() async {
        tidying.withLockedValue { $0.isStopping = true }
        while tidying.withLockedValue({ $0.running }) > 0 { try? await Task.sleep(for: .milliseconds(5)) }
        defer { tidying.withLockedValue { $0.isStopping = false } }
        guard
            let stopped = running.withLockedValue({ running in
                defer { running = nil }; return running
            })
        else { return }
        if let connection = try? await stopped.connection.get() { try? await connection.close().get() }
        try? await stopped.threadPool.shutdownGracefully()
        try? await stopped.eventLoops.shutdownGracefully()
    }
}
