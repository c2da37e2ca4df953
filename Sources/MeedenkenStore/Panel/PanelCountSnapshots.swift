import Foundation
import SQLKit

extension Store {
    /// The month's stored counts per group (`total`, `role:parent`, `language:nl`, …), if any.
    package func panelCountSnapshot(month: String) async throws -> [String: Int]? {
        let rows = try await sql.raw("SELECT group_key, members FROM panel_count_snapshots WHERE month = \(bind: month)").all()
        guard !rows.isEmpty else { return nil }
        var counts: [String: Int] = [:]
        for row in rows { counts[try row.decode(column: "group_key", as: String.self)] = try row.decode(column: "members", as: Int.self) }
        return counts
    }

    /// Stores the month's counts unless another look stored them first; returns what is stored.
    package func keepPanelCountSnapshot(month: String, counts: [String: Int]) async throws -> [String: Int] {
        // One transaction: a look finds a month's counts whole or not at all.
        try await transaction { store in
            for (key, members) in counts {
                try await store.sql.raw(
                    """
                    INSERT INTO panel_count_snapshots (month, group_key, members) VALUES (\(bind: month), \(bind: key), \(bind: members))
                    ON CONFLICT (month, group_key) DO NOTHING
                    """
                ).run()
            }
        }
        return try await panelCountSnapshot(month: month) ?? counts
    }
}
