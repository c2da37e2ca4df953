import FluentKit
import Foundation
import Logging
import NIOCore

/// A database that is not an SQL database and answers every request with an error: what a
/// part meets if it is handed the wrong database. Every part must then fail loudly (fail
/// closed), never skip its work, return nothing or let a request through.
struct NoSQLDatabase: Database {
    struct Refused: Error {}

    struct Configuration: DatabaseConfiguration {
        var middleware: [any AnyModelMiddleware] = []
        func makeDriver(for databases: Databases) -> any DatabaseDriver { fatalError("never made") }
    }

    let context: DatabaseContext

    init(eventLoop: any EventLoop) {
        context = DatabaseContext(configuration: Configuration(), logger: Logger(label: "no-sql"), eventLoop: eventLoop)
    }

    var inTransaction: Bool { false }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(Refused())
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Refused()) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Refused()) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
}
