import FluentKit
import Foundation
import MeedenkenCore

/// A trajectory closure received from the case system (API or CSV). Remembered by the case
/// system's reference so the same closure sent twice creates nothing new. Holds no personal data:
/// the people became invitations, and the skipped ones are only counted.
package final class TrajectoryClosure: Model, @unchecked Sendable {
    package static let schema = "trajectory_closures"

    @ID(key: .id) package var id: UUID?
    @Field(key: "reference") package var reference: String
    @Parent(key: "team_id") package var team: Team
    /// `YYYY-MM-DD`.
    @Field(key: "closed_on") package var closedOn: String
    /// `api` or `csv`.
    @Field(key: "source") package var source: String
    @Field(key: "received_at") package var receivedAt: Date
    @Field(key: "invitations_planned") package var invitationsPlanned: Int
    @Field(key: "skipped_do_not_contact") package var skippedDoNotContact: Int
    @Field(key: "skipped_child_under_12") package var skippedChildUnder12: Int
    @Field(key: "skipped_unsubscribed") package var skippedUnsubscribed: Int
    @Field(key: "skipped_no_questionnaire") package var skippedNoQuestionnaire: Int
    @Field(key: "skipped_too_young") package var skippedTooYoung: Int

    package init() {}

    package init(reference: String, teamID: UUID, closedOn: String, source: String, receivedAt: Date) {
        self.reference = reference
        self.$team.id = teamID
        self.closedOn = closedOn
        self.source = source
        self.receivedAt = receivedAt
        self.invitationsPlanned = 0
        self.skippedDoNotContact = 0
        self.skippedChildUnder12 = 0
        self.skippedUnsubscribed = 0
        self.skippedNoQuestionnaire = 0
        self.skippedTooYoung = 0
    }

    /// One more person not invited for `reason`.
    package func count(skipped reason: InvitationPlan.SkipReason) {
        switch reason {
        case .doNotContact: skippedDoNotContact += 1
        case .childUnder12: skippedChildUnder12 += 1
        case .unsubscribed: skippedUnsubscribed += 1
        case .noQuestionnaire: skippedNoQuestionnaire += 1
        case .tooYoung: skippedTooYoung += 1
        // A closure is received once; only survey waves meet the same person twice.
        case .alreadyInvited, .noAddress: break
        }
    }
}
