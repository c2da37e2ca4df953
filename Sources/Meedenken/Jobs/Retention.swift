import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The daily retention run (DESIGN §4.8, DOMAIN "Privacy"): deletes, per the configured periods,
/// sign-ups nobody confirmed, sign-ups a parent never confirmed, members whose consent ran out
/// without renewal (after a renewal mail a month before), expired panel links, the addresses of
/// invitations that are done, and old outbox rows. Each run is logged with counts only.
struct Retention {
    let database: any Database
    let config: AppConfig
    let localizer: Localizer
    let calendar: OrganisationCalendar
    let logger: Logger
    let now: Date

    /// A day between runs; `Housekeeping` asks every ten minutes whether one is due.
    static let interval: TimeInterval = 24 * 3600
    /// Sent and failed mails are kept this long for the outbox page, then deleted.
    static let outboxDays = 30

    /// Runs when the last run is a day old (or there was none); returns the counts, or nil.
    @discardableResult
    func runIfDue() async throws -> [String: Int]? {
        let last = try await RetentionRun.query(on: database).sort(\.$ranAt, .descending).first()
        if let last, now.timeIntervalSince(last.ranAt) < Self.interval { return nil }
        return try await run()
    }

    func run() async throws -> [String: Int] {
        let store = try Store(database, for: "retention")
        let panel = config.panel
        var counts: [String: Int] = [:]
        let month = calendar.month(now)

        let unconfirmedBefore = now.addingTimeInterval(-TimeInterval(panel.unconfirmedHours) * 3600)
        let unconfirmed = try await PanelMember.query(on: database).filter(\.$status == .unconfirmed).filter(\.$createdAt < unconfirmedBefore).all()
        let waiting = try await PanelMember.query(on: database).filter(\.$status == .awaitingParent).filter(\.$updatedAt < unconfirmedBefore).all()
        for member in unconfirmed + waiting { try await PanelMembership.delete(member, on: database, store: store, month: month, emptyingTheLog: false) }
        counts["unconfirmed_signups"] = unconfirmed.count + waiting.count

        let expired = try await PanelMember.query(on: database).filter(\.$status ~~ [.active, .paused]).filter(\.$consentExpiresAt < now).all()
        for member in expired { try await PanelMembership.delete(member, on: database, store: store, month: month, emptyingTheLog: false) }
        counts["expired_members"] = expired.count

        counts["renewal_mails"] = try await mailRenewals()

        counts["expired_panel_links"] = try await deleted(PanelLink.query(on: database).filter(\.$expiresAt < now))

        // Invitations that are done no longer need an address (the mailer forgets expired ones
        // as it goes; this catches the rest, also when no mail runs).
        let done = Invitation.query(on: database).filter(\.$email != nil).group(.or) {
            $0.filter(\.$completed == true).filter(\.$unsubscribed == true).filter(\.$bounced == true).filter(\.$expiresAt < now)
        }
        counts["invitation_addresses"] = try await done.count()
        try await Invitation.query(on: database).filter(\.$email != nil).group(.or) {
            $0.filter(\.$completed == true).filter(\.$unsubscribed == true).filter(\.$bounced == true).filter(\.$expiresAt < now)
        }.set(\.$email, to: nil).update()

        let outboxBefore = now.addingTimeInterval(-TimeInterval(Self.outboxDays) * 86_400)
        counts["outbox_messages"] = try await deleted(
            OutboxMessage.query(on: database).filter(\.$status ~~ [.sent, .failed]).filter(\.$createdAt < outboxBefore))

        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await RetentionRun(ranAt: now, counts: String(decoding: try encoder.encode(counts), as: UTF8.self)).create(on: database)
        // What was deleted is gone from the database file; not from SQLite's log until this.
        if try await !store.emptyWriteAheadLog() { logger.notice("the write-ahead log was not emptied: a reader held it") }
        logger.info("retention run", metadata: counts.mapValues { .stringConvertible($0) })
        return counts
    }

    /// A month before consent ends, one mail with the "Mijn gegevens" link, where it is renewed.
    private func mailRenewals() async throws -> Int {
        let soon = now.addingTimeInterval(30 * 86_400)
        let due = try await PanelMember.query(on: database).filter(\.$status ~~ [.active, .paused]).filter(\.$consentExpiresAt < soon)
            .filter(\.$renewalSentAt == nil).all()
        guard !due.isEmpty else { return 0 }
        let settings = try await OrganisationSettings.current(on: database, defaultName: config.organisationName, now: now)
        let organisation = settings.name
        for member in due {
            let links = PanelLinks(database: database, now: now)
            let link = try await links.issue(.manage, for: member, lifetime: TimeInterval(config.panel.manageLinkDays) * 86_400)
            let language = Language(rawValue: member.language) ?? .default
            let values = [
                "name": member.firstName, "organisation": organisation, "link": config.publicBaseURL.absoluteString + link.route.path,
                "expires": calendar.formatted(member.consentExpiresAt ?? now, language: language),
            ]
            try await OutboxQueue.queue(
                kind: PanelMail.renewal.kind, to: member.email,
                subject: localizer.text(PanelMail.renewal.key("subject", for: member, adultForm: settings.adultFormOfAddress), in: language, values),
                body: localizer.text(PanelMail.renewal.key("body", for: member, adultForm: settings.adultFormOfAddress), in: language, values),
                fromName: organisation, config: config, now: now, on: database)
            member.renewalSentAt = now
            try await member.save(on: database)
        }
        return due.count
    }

    private func deleted<M: Model>(_ query: QueryBuilder<M>) async throws -> Int {
        let count = try await query.copy().count()
        try await query.delete()
        return count
    }
}

extension Retention {
    init(_ application: Application, now: Date) {
        self.init(
            database: application.db, config: application.config, localizer: application.localizer, calendar: application.calendar,
            logger: application.logger, now: now)
    }
}
