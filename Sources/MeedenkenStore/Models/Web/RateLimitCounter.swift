import FluentKit
import Foundation

/// Hits on one rate-limit bucket in one time window. In the database, so the limit holds across
/// every instance of the server.
package final class RateLimitCounter: Model, @unchecked Sendable {
    package static let schema = "rate_limit_counters"

    /// `bucket|windowStart`: one row per bucket and window, incremented with an upsert.
    @ID(custom: "id", generatedBy: .user) package var id: String?
    @Field(key: "window_start") package var windowStart: Int
    @Field(key: "hits") package var hits: Int

    package init() {}
}
