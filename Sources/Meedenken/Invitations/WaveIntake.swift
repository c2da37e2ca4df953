import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Invites a list of current clients to a satisfaction survey wave: the same people, fields and
/// rules as closures (`InvitationPlan`), to one questionnaire, within the wave's period. Nobody
/// is invited twice to one wave: each invitation carries a keyed hash of who the person is
/// (their address; for a child, the adult's address, the trajectory and the birth year), unique
/// per questionnaire.
struct WaveIntake {
    let database: any Database
    /// The organisation's calendar: a wave starts and ends on its days.
    let calendar: OrganisationCalendar

    /// The wave's first and last day.
    struct Period: Sendable {
        let startsOn: CalendarDay
        let endsOn: CalendarDay
    }

    /// What became of one list: per group of the list, per person, in order.
    struct Result: Sendable {
        let outcomes: [String: [ClosureIntake.PersonOutcome]]
        let invitationsPlanned: Int
    }

    /// Two uploads of one list at the same moment (a double click) meet at the unique key: the
    /// second is read again and finds everyone already invited, instead of failing.
    func invite(_ groups: [ClosureIntake.Resolved], to questionnaire: Questionnaire, period: Period, now: Date) async throws -> Result {
        do {
            return try await attempt(groups, to: questionnaire, period: period, now: now)
        } catch {
            return try await attempt(groups, to: questionnaire, period: period, now: now)
        }
    }

    private func attempt(_ groups: [ClosureIntake.Resolved], to questionnaire: Questionnaire, period: Period, now: Date) async throws -> Result {
        let questionnaireID = try questionnaire.requireID()
        let closingYear = period.startsOn.year
        // From the wave's first day (or now), at noon, until the end of its last day.
        let sendAfter = max(now, calendar.noon(period.startsOn))
        let expiresAt = calendar.noon(period.endsOn).addingTimeInterval(12 * 3600)
        let addresses = Set(groups.flatMap { $0.submission.people.compactMap { $0.email?.value } })
        let hashes = Dictionary(uniqueKeysWithValues: addresses.map { ($0, Invitation.hash(email: $0)) })
        let unsubscribed = try await Store(database, for: "wave intake").unsubscribedAddresses(among: hashes.values)
        var seen = Set(
            try await Invitation.query(on: database).filter(\.$questionnaire.$id == questionnaireID).filter(\.$wavePersonKey != nil).all()
                .compactMap(\.wavePersonKey))
        var outcomes: [String: [ClosureIntake.PersonOutcome]] = [:]
        var planned: [PlannedInvitation] = []
        func plan(_ key: String, audience: QuestionnaireDefinition.Audience, ageBand: String?, email: String, language: Language, teamID: UUID)
            -> ClosureIntake.PersonOutcome
        {
            guard seen.insert(key).inserted else { return .skipped(.alreadyInvited, audience: audience) }
            planned.append(
                PlannedInvitation(
                    questionnaireID: questionnaireID, closureID: nil, teamID: teamID, respondentRole: audience.rawValue, ageBand: ageBand,
                    language: language.rawValue, email: email, emailHash: hashes[email] ?? Invitation.hash(email: email),
                    sendAfter: sendAfter, wavePersonKey: key, expiresAt: expiresAt))
            return .invited(audience)
        }
        for group in groups {
            let submission = group.submission
            var results: [ClosureIntake.PersonOutcome] = []
            // The adult nearby who passes a child's link on: a foster parent when the list names
            // one (a birth parent may be why the child was placed), else a parent.
            let reachable = submission.people.filter {
                !$0.doNotContact && $0.email.map { !unsubscribed.contains(hashes[$0.value] ?? "") } == true
            }
            let adult = reachable.first { $0.role == .fosterParent } ?? reachable.first { $0.role == .parent }
            var childrenBorn: [Int: Int] = [:]
            for person in submission.people {
                let hash = person.email.flatMap { hashes[$0.value] }
                let decision = InvitationPlan.decide(
                    person, closingYear: closingYear, isUnsubscribed: hash.map(unsubscribed.contains) ?? false,
                    hasQuestionnaire: { $0 == questionnaire.audience })
                switch decision {
                case .skip(let reason):
                    results.append(.skipped(reason, audience: InvitationPlan.audience(of: person, closingYear: closingYear)))
                case .invite(let audience, let ageBand):
                    // Every person gets an outcome, so the report's lines stay with their people.
                    guard let email = person.email?.value, let hash else {
                        results.append(.skipped(.noAddress, audience: audience))
                        continue
                    }
                    results.append(
                        plan("person:" + hash, audience: audience, ageBand: ageBand?.rawValue, email: email, language: person.language, teamID: group.teamID))
                case .inviteThroughAdult:
                    guard let adult, let email = adult.email?.value else {
                        results.append(.skipped(.childUnder12, audience: .child8to11))
                        continue
                    }
                    // Twins share a birth year: the how-manieth child of that year tells them apart.
                    let born = person.birthYear ?? 0
                    childrenBorn[born, default: 0] += 1
                    let key = SecureToken.hash("child:\(hashes[email] ?? ""):\(submission.reference):\(born):\(childrenBorn[born] ?? 1)")
                    let outcome = plan(
                        key, audience: .child8to11, ageBand: InvitationPlan.AgeBand.under12.rawValue, email: email, language: person.language,
                        teamID: group.teamID)
                    if case .invited = outcome {
                        results.append(.invitedThroughAdult(adult.role == .parent ? .parent : .fosterParent))
                    } else {
                        results.append(outcome)
                    }
                }
            }
            outcomes[submission.reference] = results
        }
        let invitations = planned
        try await database.transaction { database in
            if questionnaire.waveStartsOn != period.startsOn.description || questionnaire.waveEndsOn != period.endsOn.description {
                questionnaire.waveStartsOn = period.startsOn.description
                questionnaire.waveEndsOn = period.endsOn.description
                try await questionnaire.save(on: database)
                // The wave's end holds for everyone invited to it, also those invited before.
                try await Invitation.query(on: database).filter(\.$questionnaire.$id == questionnaireID).filter(\.$wavePersonKey != nil)
                    .set(\.$expiresAt, to: expiresAt).update()
            }
            try await ClosureIntake.insertInvitations(invitations, now: now, on: database)
        }
        return Result(outcomes: outcomes, invitationsPlanned: planned.count)
    }
}
