import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Tells people at once about open answers flagged for danger words, and again when nobody has
/// looked in time (DESIGN §4.7). Runs right after a flagged answer is stored (from the request
/// that stored it) and in every mail run, which catches anything the first missed. The mail says
/// that an answer needs attention and links to its page (login needed): never the text, the
/// questionnaire, the team or anything else about who wrote it. Safe on several instances: a
/// flag is created once (unique per answer) and escalated once (claimed).
enum DangerAlerts {
    static let alertKind = "danger_alert"
    static let escalationKind = "danger_escalation"
    /// Hours until an unacknowledged flag is escalated, unless the organisation sets otherwise.
    static let defaultEscalationHours = 4

    static func run(_ app: Application, now: Date) async throws {
        try await raisePending(app, on: app.db, now: now)
        try await escalateOverdue(app, on: app.db, now: now)
    }

    /// Right after a request stored a flagged answer. The response is stored whatever happens
    /// here: should the mail not be queued now, the next mail run does it.
    static func raiseAfterStoring(_ req: Request) async {
        do {
            try await raisePending(req.application, on: req.db, now: req.now)
        } catch {
            req.logger.warning("danger alert deferred to the mail run", metadata: ["error": .string(String(describing: type(of: error)))])
        }
    }

    /// Creates a flag, and its mails, for every flagged answer that has none yet.
    static func raisePending(_ app: Application, on database: any Database, now: Date) async throws {
        let flagged = try await OpenAnswerReview.query(on: database).filter(\.$danger == true).filter(\.$reviewedAt == nil).all()
        guard !flagged.isEmpty else { return }
        let known = Set(try await DangerFlag.query(on: database).filter(\.$reviewID ~~ flagged.compactMap(\.id)).all().map(\.reviewID))
        let settings = try await OrganisationSettings.current(on: database, defaultName: app.config.organisationName, now: now)
        for review in flagged {
            guard let reviewID = review.id, !known.contains(reviewID) else { continue }
            let flag = DangerFlag(reviewID: reviewID, questionnaireID: review.questionnaireID, raisedAt: now)
            do {
                try await database.transaction { database in
                    try await flag.create(on: database)
                    let recipients = try await onDuty(settings, on: database)
                    try await queue(.alert, flagID: try flag.requireID(), to: recipients, app: app, settings: settings, now: now, on: database)
                }
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // Another instance raised it first, mails and all.
            }
        }
    }

    /// Sends the second mail, to the people on duty and the administrators, for flags nobody
    /// acknowledged within the organisation's number of hours.
    static func escalateOverdue(_ app: Application, on database: any Database, now: Date) async throws {
        let settings = try await OrganisationSettings.current(on: database, defaultName: app.config.organisationName, now: now)
        let hours = settings.escalationHours ?? defaultEscalationHours
        let overdue = try await DangerFlag.query(on: database).filter(\.$acknowledgedAt == nil).filter(\.$escalatedAt == nil)
            .filter(\.$raisedAt <= now.addingTimeInterval(-Double(hours) * 3600)).all()
        for flag in overdue {
            let flagID = try flag.requireID()
            try await database.transaction { database in
                // Claimed in one statement, so that of two instances only one sends the mails.
                guard try await Store(database, for: "DangerAlerts").claimEscalation(flagID: flagID, at: now) else { return }
                let administrators = try await StaffUser.query(on: database).filter(\.$role == .administrator).filter(\.$isDisabled == false).all()
                var recipients = try await onDuty(settings, on: database)
                for user in administrators where !recipients.contains(where: { $0.address.lowercased() == user.email.lowercased() }) {
                    recipients.append((user.email, user.language))
                }
                try await queue(.escalation, flagID: flagID, to: recipients, app: app, settings: settings, now: now, on: database)
            }
        }
    }

    /// The on-duty addresses with the language to write in: a staff member's own, else Dutch.
    /// With nobody set, the administrators, so that a signal never goes nowhere.
    static func onDuty(_ settings: OrganisationSettings, on database: any Database) async throws -> [(address: String, language: Language)] {
        let staff = try await StaffUser.query(on: database).filter(\.$isDisabled == false).all()
        let addresses = settings.onDutyAddresses
        if addresses.isEmpty {
            return staff.filter { $0.role == .administrator }.map { ($0.email, $0.language) }
        }
        return addresses.map { address in (address, staff.first { $0.email.lowercased() == address.lowercased() }?.language ?? .dutch) }
    }

    enum Mail: String {
        case alert
        case escalation
    }

    private static func queue(
        _ mail: Mail, flagID: UUID, to recipients: [(address: String, language: Language)], app: Application, settings: OrganisationSettings,
        now: Date, on database: any Database
    ) async throws {
        let link = app.config.publicBaseURL.absoluteString + SiteRoute.dangerFlag(id: flagID).path
        for recipient in recipients {
            let values = ["organisation": settings.name, "link": link, "hours": "\(settings.escalationHours ?? defaultEscalationHours)"]
            let id = UUID.random()
            let message = MailMessage(
                messageID: OutboxSender.messageID(id), from: app.config.mailFrom, fromName: settings.name, to: recipient.address,
                subject: app.localizer.text("mail.danger.\(mail.rawValue).subject", in: recipient.language, values),
                body: app.localizer.text("mail.danger.\(mail.rawValue).body", in: recipient.language, values), date: now)
            try await OutboxMessage(
                id: id, invitationID: nil, kind: mail == .alert ? alertKind : escalationKind, recipient: recipient.address, message: message.rendered(),
                now: now
            ).create(on: database)
        }
    }
}

extension ResponseRecorder.DangerCheck {
    /// Whether the recorder flags any of these answers: the same check its batch makes.
    func flags(_ answers: [String: Answer]) -> Bool {
        !flags(in: answers).wordsByQuestion.isEmpty
    }
}
