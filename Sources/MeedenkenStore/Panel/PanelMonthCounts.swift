import Foundation
import SQLKit

/// Members who joined and left, per month: counts that stay when the members are gone, so panel
/// health can be shown without keeping anyone's data.
package struct PanelMonthCount: Sendable, Equatable {
    package let month: String
    package let joined: Int
    package let left: Int
}

extension Store {
    /// Adds to a month's counts (one statement, so two instances never lose a count).
    package func countPanelMonth(_ month: String, joined: Int = 0, left: Int = 0) async throws {
        try await sql.raw(
            """
            INSERT INTO panel_month_counts (month, joined, "left") VALUES (\(bind: month), \(bind: joined), \(bind: left))
            ON CONFLICT (month) DO UPDATE SET joined = panel_month_counts.joined + excluded.joined, "left" = panel_month_counts."left" + excluded."left"
            """
        ).run()
    }

    /// Every month's counts, oldest first.
    package func panelMonthCounts() async throws -> [PanelMonthCount] {
        try await sql.raw(#"SELECT month, joined, "left" FROM panel_month_counts ORDER BY month"#).all().map { row in
            PanelMonthCount(
                month: try row.decode(column: "month", as: String.self), joined: try row.decode(column: "joined", as: Int.self),
                left: try row.decode(column: "left", as: Int.self))
        }
    }
}
