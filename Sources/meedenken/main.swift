import Logging
import Meedenken
import Vapor

// The executable only starts the application; everything else lives in the Meedenken library.
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
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
