import Logging
import Meedenken
import NIOCore
import NIOPosix
import Vapor

// The executable only starts the application; everything else lives in the Meedenken library.

// Swift concurrency runs on NIO's event loops, the threads that serve the connections: every
// request and every database answer would otherwise hop to the concurrency pool and back (the
// submission benchmark stores about 5% more per second with it). It must happen first, on the
// main thread, before any task starts. Vapor's template offers it, warning that `Task.sleep`
// stopped working with older Swift runtimes; on Swift 6.3 it works, and Meedenken does not use it.
let runsOnEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var environment = try Environment.detect()
// Like Vapor's own, except that SQL statements are logged without their bound values.
try bootstrapLogging(from: &environment)
let app = try await Application.make(environment)
app.logger.debug("Swift concurrency on NIO's event loops", metadata: ["installed": "\(runsOnEventLoops)"])
do {
    try await configure(app, config: try loadConfig())
    try await app.execute()
    // Graceful stop: let the HTTP server finish the requests in flight (Vapor quiesces its
    // connections) before the database pool and the rest of the application go away.
    await finishRequestsInFlight(app)
    try await app.asyncShutdown()
} catch {
    // Configuration and command errors are written for an operator: plain text, no stack trace.
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    try? await app.asyncShutdown()
    exit(1)
}
