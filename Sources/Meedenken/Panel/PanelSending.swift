import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Sends a questionnaire to a segment of the panel, or to a random sample of it, through the
/// invitation machinery (mail, reminders, unsubscribe; an anonymous questionnaire's invitation
/// learns only "completed"). The contact cap is enforced here: members asked too recently are
/// left out and counted, never silently dropped. The sample's seed is recorded with the counts.
struct PanelSending {
    let database: any Database
    let config: AppConfig
    let calendar: OrganisationCalendar
    let now: Date

    struct Outcome: Sendable, Equatable {
        /// Confirmed, not paused members in the segment.
        var inSegment = 0
        /// Members the questionnaire is not written for (its audience is another role or age).
        var otherAudience = 0
        /// Members who unsubscribed from questionnaires at this address.
        var unsubscribed = 0
        /// Members asked too recently (the organisation's cap or their own choice).
        var overCap = 0
        var invited = 0
        var seed: UInt64 = 0
        /// Nothing was sent: fewer would be asked than the smallest group the organisation shows.
        var tooFew = false
        var minimumGroupSize = MinimumGroupSize.floor
    }

    /// Sends to `segment`; `sampleSize` nil sends to everyone who may be asked. Members are read
    /// and invitations written as plain rows through the store: a send may reach tens of
    /// thousands of members (the benchmark sends to 50,000).
    func send(_ questionnaire: Questionnaire, to segment: PanelSegment, sampleSize: Int?, seed: UInt64 = .random(in: 0...UInt64.max)) async throws
        -> Outcome
    {
        // Panel members are promised that their answers are anonymous.
        guard questionnaire.anonymous else { throw UserFacingError(.unprocessableEntity, "panel.send.error.anonymous") }
        let questionnaireID = try questionnaire.requireID()
        let store = try Store(database, for: "panel sending")
        let today = calendar.day(now)
        let candidates = try await store.activePanelCandidates()
        let members = segment.isEverything ? candidates : candidates.filter { segment.matches($0.profile(today: today, calendar: calendar)) }
        var outcome = Outcome(inSegment: members.count, seed: seed)
        let audience = questionnaire.audience
        let forAudience = members.filter { Self.fits(role: $0.role, birthYear: $0.birthYear, audience: audience, today: today) }
        outcome.otherAudience = members.count - forAudience.count
        let hashes = Dictionary(forAudience.map { ($0.id, Invitation.hash(email: $0.email)) }) { first, _ in first }
        let unsubscribed = try await store.unsubscribedAddresses(among: hashes.values)
        let reachable = forAudience.filter { !unsubscribed.contains(hashes[$0.id] ?? "") }
        outcome.unsubscribed = forAudience.count - reachable.count
        let cap = config.panel.contactCap
        let moment = self.now
        let allowed = reachable.filter { cap.allows(lastAsked: $0.lastAskedAt, memberDays: $0.frequencyDays, now: moment) }
        outcome.overCap = reachable.count - allowed.count
        let byID = Dictionary(allowed.map { ($0.id.uuidString, $0) }) { first, _ in first }
        let pool = byID.keys.sorted()
        let drawn = PanelSample.draw(pool, size: sampleSize ?? byID.count, seed: seed).compactMap { byID[$0] }
        // Fewer people than the smallest group the organisation shows would tell, by the
        // response rate and by each response's age band, what one named member answered:
        // whether the segment is that small, or the sample is.
        let settings = try await OrganisationSettings.current(on: database, defaultName: config.organisationName, now: now)
        outcome.minimumGroupSize = max(settings.minimumGroupSize, MinimumGroupSize.floor)
        guard drawn.count >= outcome.minimumGroupSize else {
            outcome.tooFew = true
            return outcome
        }
        let cutoff = now.addingTimeInterval(-TimeInterval(cap.days) * 86_400)
        let expires = now.addingTimeInterval(TimeInterval(config.invitationValidDays) * 86_400)
        let now = now
        let counted = outcome
        let planned = drawn.count
        let invited = try await store.transaction { store -> Int in
            let record = PanelSend()
            record.questionnaireID = questionnaireID
            record.segment = SiteQuery.encoded(segment.queryItems)
            record.sampleSize = sampleSize
            record.seed = String(seed)
            record.poolSize = pool.count
            record.poolDigest = SecureToken.hash(pool.joined(separator: "\n"))
            record.inSegment = counted.inSegment
            record.overCap = counted.overCap
            record.invited = planned
            record.createdAt = now
            try await record.create(on: store.database)
            let sendID = try record.requireID()
            var invited = 0
            for chunk in drawn.inBatches(of: 2_000) {
                // Claim the members first: a send at the same moment (a double click, a second
                // coordinator) that asked them already leaves them out, so the cap holds.
                let claimed = try await store.claimPanelMembers(chunk.map(\.id), askedBefore: cutoff, now: now)
                let invitations = chunk.filter { claimed.contains($0.id) }.map { member in
                    NewPanelInvitation(
                        // No team: a team's count of invited people is shown without a minimum
                        // (beside its closures), and panel members in it would show through.
                        questionnaireID: questionnaireID, teamID: nil, respondentRole: audience.rawValue,
                        ageBand: member.birthYear == nil ? nil : PanelAgeBand.of(birthYear: member.birthYear, today: today).rawValue,
                        language: member.language, email: member.email, emailHash: hashes[member.id] ?? Invitation.hash(email: member.email),
                        sendAfter: now,
                        expiresAt: expires, panelSendID: sendID)
                }
                try await store.insertPanelInvitations(invitations, now: now)
                invited += invitations.count
            }
            if invited != planned {
                record.invited = invited
                record.overCap = counted.overCap + planned - invited
                try await record.save(on: store.database)
            }
            return invited
        }
        outcome.invited = invited
        outcome.overCap += planned - invited
        return outcome
    }

    /// Whether a questionnaire written for `audience` is for this member.
    static func fits(role: String, birthYear: Int?, audience: QuestionnaireDefinition.Audience, today: String) -> Bool {
        let band = PanelAgeBand.of(birthYear: birthYear, today: today)
        switch (PanelRole(rawValue: role), audience) {
        case (.parent, .parent), (.fosterParent, .fosterParent): return true
        case (.youth, .youth12plus): return band != .under12
        case (.youth, .child8to11): return band == .under12
        default: return false
        }
    }
}
