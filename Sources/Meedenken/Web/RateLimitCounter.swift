import Fluent
import Foundation

/// Hits on one rate-limit bucket in one time window. In the database, so the limit holds across
/// every instance of the server.
final class RateLimitCounter: Model, @unchecked Sendable {
    static let schema = "rate_limit_counters"

    /// `bucket|windowStart`: one row per bucket and window, incremented with an upsert.
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "window_start") var windowStart: Int
    @Field(key: "hits") var hits: Int

    init() {}
}
