import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken bench-panel-send --members N [--copy PATH]`: fills an empty panel with N made-up
/// members (a fifth asked ten days ago, so over the cap), copies the database to PATH (the
/// benchmark's plain-SQL reference runs on the copy), then sends a parent questionnaire to the
/// whole panel as a coordinator does (cap check, sample of everyone, invitations) and queues every
/// invitation mail in the outbox, and prints how long that took. Refuses a panel with members.
struct PanelSendBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "members", help: "How many made-up members (default 50000)") var members: Int?
        @Option(name: "copy", help: "Where to copy the seeded SQLite database before sending") var copy: String?
    }

    var help: String { "Benchmarks sending a panel questionnaire to a large made-up panel (never on real data)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        // As the server runs: on SQLite, write-ahead logging and its connection settings.
        try await DatabasePreparation.prepare(app)
        guard try await PanelMember.query(on: app.db).count() == 0 else {
            throw SeedRefused(description: "this database has panel members already; made-up ones are only added to an empty panel")
        }
        let now = app.clock.now()
        let count = max(1, signature.members ?? 50_000)
        try await Self.seed(count, now: now, on: app.db)
        var definition = SeedResultsCommand.definition
        definition.key = "bench-panel"
        definition.kind = .topical
        let saved = try await QuestionnaireStore(database: app.db).save(definition, now: now)
        saved.questionnaire.isOpen = true
        try await saved.questionnaire.save(on: app.db)
        if let copy = signature.copy { try await Store(app.db, for: "bench").backUpSQLite(to: copy) }

        let started = ContinuousClock.now
        let outcome = try await PanelSending(database: app.db, config: app.config, calendar: app.calendar, now: now)
            .send(saved.questionnaire, to: PanelSegment(), sampleSize: nil, seed: 42)
        let sent = ContinuousClock.now
        let mailer = InvitationMailer(database: app.db, config: app.config, localizer: app.localizer)
        var queued = 0
        while true {
            let batch = try await mailer.run(now: now, limit: 5_000)
            queued += batch
            if batch == 0 { break }
        }
        let done = ContinuousClock.now
        context.console.print(
            "members=\(count) in_segment=\(outcome.inSegment) over_cap=\(outcome.overCap) other_audience=\(outcome.otherAudience) invited=\(outcome.invited) outbox=\(queued) send_seconds=\((sent - started).seconds) total_seconds=\((done - started).seconds)"
        )
    }

    /// The made-up members, written and let go before the clock starts.
    private static func seed(_ count: Int, now: Date, on database: any Database) async throws {
        let roles: [PanelRole] = [.parent, .parent, .parent, .fosterParent, .youth]
        var members: [PanelMember] = []
        members.reserveCapacity(count)
        for index in 0..<count {
            let member = PanelMember()
            let email = "lid\(index)@bench.example"
            member.firstName = "Lid \(index)"
            member.email = email
            member.emailHash = PanelMember.hash(email: email)
            member.role = roles[index % roles.count].rawValue
            member.birthYear = roles[index % roles.count] == .youth ? 2008 : nil
            member.language = index % 7 == 0 ? "en" : "nl"
            member.ways = "panel"
            member.topics = "informatie"
            member.needs = ""
            member.status = .active
            member.consentRule = "own"
            member.source = .themselves
            member.lastAskedAt = index % 5 == 1 ? now.addingTimeInterval(-10 * 86_400) : nil
            member.createdAt = now
            member.confirmedAt = now
            member.consentExpiresAt = now.addingTimeInterval(700 * 86_400)
            member.updatedAt = now
            members.append(member)
        }
        for chunk in members.inBatches(of: 500) { try await Array(chunk).create(on: database) }
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
