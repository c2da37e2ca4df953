import SQLKit

extension Store {
    /// A round trip to the database, for the readiness check.
    package func ping() async throws {
        _ = try await sql.raw("SELECT 1 AS one").first()
    }
}
