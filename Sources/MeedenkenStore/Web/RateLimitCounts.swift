import SQLKit

extension Store {
    /// Adds a hit to a counter and returns its hits, in one upsert (every instance sees the same
    /// count). Nil when the database gave no count back: the caller must then refuse.
    package func countHit(counterID: String, windowStart: Int) async throws -> Int? {
        let row = try await sql.raw(
            """
            INSERT INTO rate_limit_counters (id, window_start, hits) VALUES (\(bind: counterID), \(bind: windowStart), 1)
            ON CONFLICT (id) DO UPDATE SET hits = rate_limit_counters.hits + 1 RETURNING hits
            """
        ).first()
        return try row?.decode(column: "hits", as: Int.self)
    }
}
