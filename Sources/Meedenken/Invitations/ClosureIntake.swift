import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Turns trajectory closures into scheduled invitations, in bulk and in one transaction. A closure
/// whose reference was seen before creates nothing new; the rules for who is invited live in
/// `InvitationPlan`.
struct ClosureIntake {
    let database: any Database
    let config: AppConfig

    /// What became of one closure; the API returns it and the CSV report shows it.
    struct Report: Content, Equatable {
        /// `created` or `already_received`.
        let status: String
        let reference: String
        let invitationsPlanned: Int
        let skipped: [String: Int]
        /// Per person of the submission, in its order (empty when already received): the CSV
        /// report's line per person. Not in the API's answer, which gives the counts.
        var people: [PersonOutcome] = []

        enum CodingKeys: String, CodingKey { case status, reference, invitationsPlanned, skipped }
    }

    /// What became of one person of a closure.
    enum PersonOutcome: Equatable, Sendable {
        /// Gets their own invitation to the questionnaire of this audience.
        case invited(QuestionnaireDefinition.Audience)
        /// A child of 8 to 11 whose link goes with the mail of this adult's audience.
        case invitedThroughAdult(QuestionnaireDefinition.Audience)
        /// Not invited, and why; with the audience whose questionnaire would have fitted.
        case skipped(InvitationPlan.SkipReason, audience: QuestionnaireDefinition.Audience?)
    }

    /// A submission whose team is known.
    struct Resolved {
        let submission: ClosureSubmission
        let teamID: UUID
    }

    /// Team names (case-insensitive) and ids to team ids.
    static func teamIndex(on database: any Database) async throws -> [String: UUID] {
        var index: [String: UUID] = [:]
        for team in try await Team.query(on: database).all() {
            guard let id = team.id else { continue }
            index[team.name.lowercased()] = id
            index[id.uuidString.lowercased()] = id
        }
        return index
    }

    func record(_ closures: [Resolved], source: String, now: Date) async throws -> [Report] {
        try await database.transaction { database in
            try await Self.record(closures, source: source, now: now, config: config, on: database)
        }
    }

    private static func record(_ closures: [Resolved], source: String, now: Date, config: AppConfig, on database: any Database) async throws -> [Report] {
        let references = closures.map(\.submission.reference)
        var existing: [String: TrajectoryClosure] = [:]
        for chunk in references.inBatches(of: 500) {
            for closure in try await TrajectoryClosure.query(on: database).filter(\.$reference ~~ chunk).all() {
                existing[closure.reference] = closure
            }
        }
        // Each address hashed once: the unsubscribe check and the invitation both need it.
        var hashOf: [String: String] = [:]
        for closure in closures {
            for case let email? in closure.submission.people.map(\.email) where hashOf[email.value] == nil {
                hashOf[email.value] = Invitation.hash(email: email.value)
            }
        }
        let unsubscribed = try await Store(database, for: "closure intake").unsubscribedAddresses(among: hashOf.values)
        // The newest open exit questionnaire for each audience.
        var exitQuestionnaire: [QuestionnaireDefinition.Audience: UUID] = [:]
        for questionnaire in try await Questionnaire.query(on: database).filter(\.$kind == .exit).filter(\.$isOpen == true)
            .sort(\.$createdAt, .ascending).all()
        {
            exitQuestionnaire[questionnaire.audience] = questionnaire.id
        }
        var reports: [Report] = []
        var newClosures: [TrajectoryClosure] = []
        var invitations: [PlannedInvitation] = []
        var seen: Set<String> = []
        for resolved in closures {
            let submission = resolved.submission
            if let earlier = existing[submission.reference] {
                reports.append(report(earlier, status: "already_received"))
                continue
            }
            // The same reference twice in one batch: the first counts.
            guard seen.insert(submission.reference).inserted else { continue }
            let closure = TrajectoryClosure(
                reference: submission.reference, teamID: resolved.teamID, closedOn: submission.closedOn, source: source, receivedAt: now)
            closure.id = UUID.random()
            let closedAt = CalendarDay(submission.closedOn).map(config.calendar.noon) ?? now
            let sendAfter = closedAt.addingTimeInterval(TimeInterval(config.invitationDelayDays) * 86400)
            let closingYear = Int(submission.closedOn.prefix(4)) ?? 0
            var outcomes: [PersonOutcome?] = []
            var adults: [PlannedInvitation] = []
            var children: [(index: Int, person: ClosureSubmission.Person)] = []
            for person in submission.people {
                let hash = person.email.flatMap { hashOf[$0.value] }
                let decision = InvitationPlan.decide(
                    person, closingYear: closingYear, isUnsubscribed: hash.map(unsubscribed.contains) ?? false,
                    hasQuestionnaire: { exitQuestionnaire[$0] != nil })
                switch decision {
                case .skip(let reason):
                    outcomes.append(.skipped(reason, audience: InvitationPlan.audience(of: person, closingYear: closingYear)))
                case .inviteThroughAdult:
                    children.append((outcomes.count, person))
                    outcomes.append(nil)
                case .invite(let audience, let ageBand):
                    // Every person gets an outcome, so the report's lines stay with their people.
                    guard let questionnaireID = exitQuestionnaire[audience], let email = person.email, let hash, let closureID = closure.id
                    else {
                        outcomes.append(.skipped(.noAddress, audience: audience))
                        continue
                    }
                    let invitation = PlannedInvitation(
                        questionnaireID: questionnaireID, closureID: closureID, teamID: resolved.teamID, respondentRole: audience.rawValue,
                        ageBand: ageBand?.rawValue, language: person.language.rawValue, email: email.value, emailHash: hash,
                        sendAfter: sendAfter)
                    invitations.append(invitation)
                    if audience == .parent || audience == .fosterParent { adults.append(invitation) }
                    outcomes.append(.invited(audience))
                }
            }
            // A child's link goes with the invited adult the child most likely lives with: a
            // foster parent when the trajectory names one (a birth parent may be why the child
            // was placed), else a parent.
            let adult = adults.first { $0.respondentRole == QuestionnaireDefinition.Audience.fosterParent.rawValue } ?? adults.first
            for child in children {
                guard let adult, let questionnaireID = exitQuestionnaire[.child8to11] else {
                    outcomes[child.index] = .skipped(.childUnder12, audience: .child8to11)
                    continue
                }
                invitations.append(
                    PlannedInvitation(
                        questionnaireID: questionnaireID, closureID: adult.closureID, teamID: resolved.teamID,
                        respondentRole: QuestionnaireDefinition.Audience.child8to11.rawValue, ageBand: InvitationPlan.AgeBand.under12.rawValue,
                        language: child.person.language.rawValue, email: adult.email, emailHash: adult.emailHash, sendAfter: sendAfter,
                        companionOf: adult.id))
                outcomes[child.index] = .invitedThroughAdult(QuestionnaireDefinition.Audience(rawValue: adult.respondentRole) ?? .parent)
            }
            let decided = outcomes.compactMap { $0 }
            closure.invitationsPlanned = decided.filter { if case .skipped = $0 { false } else { true } }.count
            for case .skipped(let reason, _) in decided { closure.count(skipped: reason) }
            newClosures.append(closure)
            var created = report(closure, status: "created")
            created.people = decided
            reports.append(created)
        }
        try await insert(newClosures, on: database)
        try await insertInvitations(invitations, now: now, on: database)
        return reports
    }

    private static func insert(_ closures: [TrajectoryClosure], on database: any Database) async throws {
        try await Store(database, for: "ClosureIntake").insertClosures(closures)
    }

    static func insertInvitations(_ invitations: [PlannedInvitation], now: Date, on database: any Database) async throws {
        try await Store(database, for: "ClosureIntake").insertInvitations(invitations, now: now)
    }

    private static func report(_ closure: TrajectoryClosure, status: String) -> Report {
        Report(
            status: status, reference: closure.reference, invitationsPlanned: closure.invitationsPlanned,
            skipped: [
                InvitationPlan.SkipReason.doNotContact.rawValue: closure.skippedDoNotContact,
                InvitationPlan.SkipReason.childUnder12.rawValue: closure.skippedChildUnder12,
                InvitationPlan.SkipReason.unsubscribed.rawValue: closure.skippedUnsubscribed,
                InvitationPlan.SkipReason.noQuestionnaire.rawValue: closure.skippedNoQuestionnaire,
                InvitationPlan.SkipReason.tooYoung.rawValue: closure.skippedTooYoung,
            ])
    }
}
