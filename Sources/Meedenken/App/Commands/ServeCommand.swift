import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken serve [--demo]`: prepares the database, optionally fills a demo organisation,
/// prints how to get in, then serves until SIGINT/SIGTERM (in-flight requests finish first).
struct ServeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Fill an empty database with a demo organisation (teams and staff of every role).")
        var demo: Bool

        @Option(name: "hostname", short: "H", help: "Address to listen on (default MEEDENKEN_HOST or 127.0.0.1).")
        var hostname: String?

        @Option(name: "port", short: "p", help: "Port to listen on (default MEEDENKEN_PORT or 8080).")
        var port: Int?
    }

    var help: String { "Serves Meedenken over HTTP. On SQLite it migrates the database first." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try app.requireResources()
        try app.listen(hostname: signature.hostname, port: signature.port)
        try await DatabasePreparation.prepare(app)
        let now = app.clock.now()
        _ = try await OrganisationSettings.current(on: app.db, defaultName: app.config.organisationName, now: now)
        let base = app.config.publicBaseURL.absoluteString
        if signature.demo, try await StaffUser.query(on: app.db).count() == 0 {
            try await DemoOrganisation.fill(
                app.db, hashing: app.passwordHashing, pool: app.threadPool, organisationName: app.config.organisationName, now: now)
            try await DemoOrganisation.addQuestionnaires(app, now: now)
            try await DemoOrganisation.addResponses(app, now: now)
            try await DemoOrganisation.addPanel(app, now: now)
        }
        if try await StaffUser.query(on: app.db).filter(\.$role == .administrator).count() == 0 {
            let token = try await AccessLinkController.create(.firstAdministrator, for: nil, now: now, on: app.db)
            context.console.print("No administrator yet. Create the first one (link valid for 24 hours, once):")
            context.console.print("  \(base)\(SiteRoute.setup(token: token).path)")
        } else if signature.demo {
            context.console.print(DemoOrganisation.loginHelp(base: base))
        }
        // Every two-step secret under the current key before serving; a lost key stops the start.
        let resealed = try await app.secretSealing.resealAll(on: app.db)
        if !app.secretSealing.encrypts {
            context.console.warning("MEEDENKEN_SECRET_KEY is not set: two-step secrets are stored unencrypted (README, Configuration)")
        } else if resealed > 0 {
            context.console.print("Sealed the two-step secrets of \(resealed) staff members with MEEDENKEN_SECRET_KEY")
        }
        Housekeeping.start(on: app)
        MailWorker.start(on: app)
        let listening = AppConfig.derivedPublicURL(host: app.config.host, port: app.config.port)
        context.console.print("Meedenken serves on \(base)" + (listening == base ? "" : " (listening on \(listening))"))
        var serveContext = context
        serveContext.input = CommandInput(arguments: ["meedenken"])
        try await app.servers.asyncCommand.run(using: &serveContext)
    }
}

extension Application {
    /// Serves on the command line's host and port, and makes every address derived from them
    /// (banner, links in mail, the open link, the Origin check) follow, unless
    /// MEEDENKEN_PUBLIC_URL names the public address.
    func listen(hostname: String?, port: Int?) throws {
        config = try config.listening(hostname: hostname, port: port)
        http.server.configuration.hostname = config.host
        http.server.configuration.port = config.port
    }
}
