import Fluent
import Foundation
import NIOCore
import NIOPosix

/// A database that speaks no SQL, for the parts that must refuse it loudly rather than skip
/// their work. Anything that reaches it anyway fails too.
struct DatabaseWithoutSQL: Database {
    struct Reached: Error {}

    private struct Configuration: DatabaseConfiguration {
        var middleware: [any AnyModelMiddleware] = []
        func makeDriver(for databases: Databases) -> any DatabaseDriver { fatalError("never made into a driver") }
    }

    let context = DatabaseContext(
        configuration: Configuration(), logger: Logger(label: "database-without-sql"), eventLoop: MultiThreadedEventLoopGroup.singleton.any())

    var inTransaction: Bool { false }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(Reached())
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Reached()) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Reached()) }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
}
