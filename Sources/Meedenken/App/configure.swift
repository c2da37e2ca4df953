import Fluent
import Leaf
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The one composition root: everything Meedenken is made of is put together here, from one
/// `AppConfig`. Tests call it with their own configuration (their own database).
public func configure(_ app: Application, config: AppConfig) async throws {
    app.config = config
    // Templates, catalogs and the stylesheet come from the resource folder, wherever the binary
    // runs from; without one, `--help` and the commands that need none still work.
    let resources = ResourceFolder.locate(
        explicit: config.resourcesDirectory, executable: Bundle.main.executableURL, workingDirectory: app.directory.workingDirectory)
    switch resources {
    case .success(let folder): app.directory = DirectoryConfiguration(workingDirectory: folder)
    case .failure(let problem): app.resourceProblem = problem
    }
    app.http.server.configuration.hostname = config.host
    app.http.server.configuration.port = config.port
    app.http.server.configuration.idleTimeout = .seconds(Int64(config.connectionIdleTimeout))
    // Forms are small; the logo upload route allows more on its own.
    app.routes.defaultMaxBodySize = "64kb"
    if app.environment == .testing { app.passwordHashing = PasswordHashing(cost: 4) }

    // Bootstrap the process-wide metrics before the first request is counted.
    _ = MetricsRegistry.shared
    try configureDatabase(app, config.database, poolSize: config.databasePoolSize)
    Migrations.register(on: app)
    app.databases.middleware.use(AppendOnlyAuditMiddleware())

    app.views.use(.leaf)
    app.leaf.tags["t"] = TranslateTag()
    if app.resourceProblem == nil {
        app.localizer = try app.loadLocalizer()
        app.commonPasswords = try app.loadCommonPasswords()
    }
    app.responseWrites = ResponseWriteQueue(store: makeResponseStore(app))
    app.resultsCache = ResultsCache()
    app.resultsRequestLimit = ResultsRequestLimit()

    // Order matters: headers and error pages wrap everything, static files need no session.
    app.middleware = Middlewares()
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ControlCharacterMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(https: config.isHTTPS))
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(RequestsInFlightMiddleware(limit: config.maximumRequestsInFlight))
    app.middleware.use(ApiMethodMiddleware.forApi)
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(CSRFCookieMiddleware())
    app.middleware.use(StaffSessionMiddleware())

    app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(CreateUserCommand(), as: "create-user")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(ApiTokenCommand(), as: "api-token")
    app.asyncCommands.use(ImportClosuresCommand(), as: "import-closures")
    app.asyncCommands.use(SeedResultsCommand(), as: "seed-results")
    app.asyncCommands.use(PanelSendBenchCommand(), as: "bench-panel-send")

    try routes(app)
}

/// Reads the configuration from the process environment (Vapor has already loaded `.env`).
public func loadConfig() throws -> AppConfig {
    try AppConfig.load(from: ProcessInfo.processInfo.environment)
}

/// Stops accepting connections and waits (up to the server's shutdown timeout) for requests in
/// flight to finish. Called before `asyncShutdown`, which closes the database pool.
public func finishRequestsInFlight(_ app: Application) async {
    let server: HTTPServer = app.http.server.shared
    await server.shutdown()
    Housekeeping.stop(on: app)
    MailWorker.stop(on: app)
}
