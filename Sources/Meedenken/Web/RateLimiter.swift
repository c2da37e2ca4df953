import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Fixed-window rate limits counted in the database, so that every instance behind a load
/// balancer sees the same count. One upsert per hit; old windows are purged by housekeeping.
struct RateLimiter {
    let database: any Database

    /// Counts a hit on `bucket` and says whether it is still within `limit` hits per `window`.
    /// Fails closed: without SQL, or without a count back, nothing is let through.
    func allow(_ bucket: String, limit: Int, window: TimeInterval, now: Date) async throws -> Bool {
        let store = try Store(database, for: "RateLimiter")
        let windowStart = Int(now.timeIntervalSince1970 / window) * Int(window)
        // Stored hashed: a bucket may name a respondent's address, which no table may keep
        // (DESIGN §4.1); old windows are purged within minutes.
        let key = SecureToken.hash("\(bucket)|\(windowStart)")
        guard let hits = try await store.countHit(counterID: key, windowStart: windowStart) else { return false }
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
    /// (MEEDENKEN_TRUST_FORWARDED_FOR) it comes from X-Forwarded-For, but only when the request
    /// itself comes from a trusted proxy (MEEDENKEN_TRUSTED_PROXIES). Each proxy appends the
    /// address it was reached from, so the right-most address that is not one of ours is the
    /// client; whatever stands left of it the client may have written itself.
    var clientAddress: String {
        let config = application.config
        let peer = remoteAddress?.ipAddress
        // No IP peer: a request from inside the process (tests) or over a local Unix socket.
        let peerIsTrusted = peer.map(config.isTrustedProxy) ?? true
        guard config.trustForwardedFor, peerIsTrusted else { return peer ?? "unknown" }
        let chain = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { Self.forwardedAddress($0) }.filter { !$0.isEmpty }
        if let client = chain.last(where: { !config.isTrustedProxy($0) }) { return client }
        return chain.first ?? peer ?? "unknown"
    }

    /// One X-Forwarded-For entry without spaces, quotes, brackets or port (`[::1]:443`, `10.0.0.1:80`).
    static func forwardedAddress(_ entry: Substring) -> String {
        var text = entry.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<end])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        return text
    }

    /// Counts a hit on a per-address bucket for token-bearing public pages and refuses with 429
    /// when over the limit.
    func limitByAddress(_ purpose: String, limit: Int = 30) async throws {
        let config = application.config
        let allowed = try await rateLimiter.allow(
            "\(purpose):address:\(clientAddress)", limit: limit, window: config.rateLimitWindow, now: now)
        if !allowed { throw UserFacingError(.tooManyRequests, "error.tooManyRequests", headers: ["Retry-After": "\(Int(config.rateLimitWindow))"]) }
    }
}
