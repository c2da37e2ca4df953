import FluentKit
import Logging
import NIOCore
import NIOPosix

/// A database that speaks no SQL (as a future driver might): every statement fails. Handed to a
/// part, or registered as an application's default database, it shows that the part fails
/// loudly rather than skip its work, let a request through or read as empty.
struct NotSQLConfiguration: DatabaseConfiguration {
    var middleware: [any AnyModelMiddleware] = []

    func makeDriver(for databases: Databases) -> any DatabaseDriver { NotSQLDriver() }
}

struct NotSQLDriver: DatabaseDriver {
    func makeDatabase(with context: DatabaseContext) -> any Database { NotSQLDatabase(context: context) }
    func shutdown() {}
}

struct NotSQLDatabase: Database {
    struct Unsupported: Error {}

    let context: DatabaseContext

    init(context: DatabaseContext) { self.context = context }

    /// On its own, for handing straight to a part under test.
    init() {
        context = DatabaseContext(
            configuration: NotSQLConfiguration(), logger: Logger(label: "not-sql"), eventLoop: MultiThreadedEventLoopGroup.singleton.any())
    }

    func execute(query: DatabaseQuery, onOutput: @escaping @Sendable (any DatabaseOutput) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFailedFuture(Unsupported())
    }

    func execute(schema: DatabaseSchema) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Unsupported()) }

    func execute(enum: DatabaseEnum) -> EventLoopFuture<Void> { eventLoop.makeFailedFuture(Unsupported()) }

    var inTransaction: Bool { false }

    func transaction<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }

    func withConnection<T>(_ closure: @escaping @Sendable (any Database) -> EventLoopFuture<T>) -> EventLoopFuture<T> { closure(self) }
}
