import Fluent
import MeedenkenCore
import SQLKit
import Vapor

/// Fixed-window rate limits counted in the database, so that every instance behind a load
/// balancer sees the same count. One upsert per hit; old windows are purged by housekeeping.
struct RateLimiter {
    let database: any Database

    /// Counts a hit on `bucket` and says whether it is still within `limit` hits per `window`.
    func allow(_ bucket: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        let windowStart = Int(now.timeIntervalSince1970 / window) * Int(window)
        // Stored hashed: a bucket may name a respondent's address, which no table may keep
        // (DESIGN §4.1); old windows are purged within minutes.
        let key = SecureToken.hash("\(bucket)|\(windowStart)")
        let row = try await sql.raw(
            """
            INSERT INTO rate_limit_counters (id, window_start, hits) VALUES (\(bind: key), \(bind: windowStart), 1)
            ON CONFLICT (id) DO UPDATE SET hits = rate_limit_counters.hits + 1 RETURNING hits
            """
        ).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        return hits <= limit
    }

    func purge(before date: Date) async throws {
        try await RateLimitCounter.query(on: database)
            .filter(\.$windowStart < Int(date.timeIntervalSince1970)).delete()
    }
}

extension Request {
    var rateLimiter: RateLimiter { RateLimiter(database: db) }

    /// The client's address, for per-address limits and the audit log. Behind a reverse proxy
    /// (MEEDENKEN_TRUST_FORWARDED_FOR) the first address in X-Forwarded-For.
    var clientAddress: String {
        if application.config.trustForwardedFor,
            let forwarded = headers.first(name: .xForwardedFor)?.split(separator: ",").first
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }

    /// Counts a hit on a per-address bucket for token-bearing public pages and refuses with 429
    /// when over the limit.
    func limitByAddress(_ purpose: String, limit: Int = 30) async throws {
        let config = application.config
        let allowed = try await rateLimiter.allow(
            "\(purpose):address:\(clientAddress)", limit: limit, window: config.rateLimitWindow, now: now)
        if !allowed { throw LocalizedError(.tooManyRequests, "error.tooManyRequests", headers: ["Retry-After": "\(Int(config.rateLimitWindow))"]) }
    }
}
