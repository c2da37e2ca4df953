import Foundation
import SQLKit

extension Store {
    /// Which of these address hashes unsubscribed: read in batches as plain rows, since a closure
    /// import, a wave, a panel send or a mailer run checks thousands of addresses at once.
    package func unsubscribedAddresses<Hashes: Collection<String>>(among hashes: Hashes) async throws -> Set<String> {
        var found: Set<String> = []
        for batch in Array(Set(hashes)).inBatches(of: 500) {
            let rows = try await sql.raw("SELECT email_hash FROM unsubscribed_addresses WHERE email_hash IN (\(binds: Array(batch)))").all()
            for row in rows { found.insert(try row.decode(column: "email_hash", as: String.self)) }
        }
        return found
    }
}
