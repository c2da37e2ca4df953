import FluentKit
import Foundation

/// A panel questionnaire sent to a segment, with the seed of its sample so anyone can draw it
/// again and see it was fair, and the counts of who was invited and who the cap left out.
package final class PanelSend: Model, @unchecked Sendable {
    package static let schema = "panel_sends"

    @ID(key: .id) package var id: UUID?
    @Field(key: "questionnaire_id") package var questionnaireID: UUID
    /// The segment's filters, as the query items of the panel page.
    @Field(key: "segment") package var segment: String
    @OptionalField(key: "sample_size") package var sampleSize: Int?
    /// A UInt64 as decimal text (PostgreSQL has no unsigned 64-bit integer).
    @Field(key: "seed") package var seed: String
    /// The members the sample was drawn from (in the segment, for the questionnaire, reachable,
    /// within the cap), and a SHA-256 of their sorted ids: with the seed, the draw can be redone
    /// and checked even after the send changed who is within the cap.
    @Field(key: "pool_size") package var poolSize: Int
    @Field(key: "pool_digest") package var poolDigest: String
    @Field(key: "in_segment") package var inSegment: Int
    @Field(key: "over_cap") package var overCap: Int
    @Field(key: "invited") package var invited: Int
    @Field(key: "created_at") package var createdAt: Date

    package init() {}
}
