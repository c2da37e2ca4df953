import Foundation
import SQLKit

extension Store {
    /// Who a batch of responses comes from, which decides how much of their order of arrival is
    /// hidden (`ArrivalHiding`).
    package enum Respondents: Sendable {
        /// Real people: every row in a random place, on PostgreSQL among earlier responses of the
        /// same day written again.
        case real
        /// Made up in bulk (the demo, the benchmark): written in order, as they always were; there
        /// is no arrival to hide, and random places or rewriting earlier responses in every batch
        /// would make seeding a million responses many times slower.
        case madeUp
    }

    /// The one way a response is stored: in one transaction, claims the drafts the responses
    /// are sent from, writes the responses, their open answers and danger flags in an order that
    /// hides their arrival, marks invitations completed and adds everything to the counts
    /// (`ResultTallies`). Per response whether it was stored (false: its draft had been sent
    /// already). The SQLite file's own writer (`SQLiteResponseWriter`) runs the same statements
    /// (`ResponseBatch`) on its own connection.
    package func storeResponses(_ batch: [NewResponse], from respondents: Respondents = .real) async throws -> [Bool] {
        guard !batch.isEmpty else { return [] }
        return try await transaction { store in
            var claimed: Set<UUID> = []
            if let claim = ResponseBatch.claim(batch) {
                claimed = Set(try await store.sql.raw(claim).all().map { try $0.decode(column: "id", as: UUID.self) })
            }
            // A response sent from a draft is a real person's, whatever the caller says: its
            // arrival is hidden.
            let hiding: ArrivalHiding =
                if respondents == .madeUp && batch.allSatisfy({ $0.draft == nil }) {
                    .madeUp
                } else if store.isSQLite {
                    .randomRowIDs
                } else {
                    .rewriting(
                        try await store.sql.raw(ArrivalHiding.earlierResponses(sameDayAs: batch)).all().map { try $0.decode(column: "id", as: UUID.self) })
                }
            let written = ResponseBatch(batch, claimed: claimed, hiding: hiding)
            for statement in written.statements { try await store.sql.raw(statement).run() }
            return written.stored
        }
    }
}
