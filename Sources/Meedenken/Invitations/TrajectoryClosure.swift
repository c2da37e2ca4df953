import Fluent
import Foundation
import MeedenkenCore

/// A trajectory closure received from the case system (API or CSV). Remembered by the case
/// system's reference so the same closure sent twice creates nothing new. Holds no personal data:
/// the people became invitations, and the skipped ones are only counted.
final class TrajectoryClosure: Model, @unchecked Sendable {
    static let schema = "trajectory_closures"

    @ID(key: .id) var id: UUID?
    @Field(key: "reference") var reference: String
    @Parent(key: "team_id") var team: Team
    /// `YYYY-MM-DD`.
    @Field(key: "closed_on") var closedOn: String
    /// `api` or `csv`.
    @Field(key: "source") var source: String
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "invitations_planned") var invitationsPlanned: Int
    @Field(key: "skipped_do_not_contact") var skippedDoNotContact: Int
    @Field(key: "skipped_child_under_12") var skippedChildUnder12: Int
    @Field(key: "skipped_unsubscribed") var skippedUnsubscribed: Int
    @Field(key: "skipped_no_questionnaire") var skippedNoQuestionnaire: Int
    @Field(key: "skipped_too_young") var skippedTooYoung: Int

    init() {}

    init(reference: String, teamID: UUID, closedOn: String, source: String, receivedAt: Date) {
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
    func count(skipped reason: InvitationPlan.SkipReason) {
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

struct CreateTrajectoryClosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(TrajectoryClosure.schema)
            .id()
            .field("reference", .string, .required)
            .field("team_id", .uuid, .required, .references(Team.schema, .id))
            .field("closed_on", .string, .required)
            .field("source", .string, .required)
            .field("received_at", .datetime, .required)
            .field("invitations_planned", .int, .required)
            .field("skipped_do_not_contact", .int, .required)
            .field("skipped_child_under_12", .int, .required)
            .field("skipped_unsubscribed", .int, .required)
            .field("skipped_no_questionnaire", .int, .required)
            .unique(on: "reference")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TrajectoryClosure.schema).delete()
    }
}
