import FluentKit
import Foundation

/// One run of the retention job: when, and how many rows of each kind it deleted (counts only).
package final class RetentionRun: Model, @unchecked Sendable {
    package static let schema = "retention_runs"

    @ID(key: .id) package var id: UUID?
    @Field(key: "ran_at") package var ranAt: Date
    /// JSON: `{"unconfirmed_signups": 2, …}`.
    @Field(key: "counts") package var counts: String

    package init() {}

    package init(ranAt: Date, counts: String) {
        self.ranAt = ranAt
        self.counts = counts
    }
}
