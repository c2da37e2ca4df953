import FluentKit
import SQLKit

/// The panel's counts as staff other than coordinators see them, kept per month: the first look
/// in a month stores them and every later look that month shows the same, so a leaver, a new
/// member or a changed language never shows as a difference between two looks. Frozen: plain
/// SQL, no live code.
package struct CreatePanelCountSnapshot: AsyncMigration {
    package var name: String { "Meedenken.CreatePanelCountSnapshot" }
    package init() {}

    package func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: "CreatePanelCountSnapshot") }
        try await sql.raw(
            """
            CREATE TABLE panel_count_snapshots (
                month TEXT NOT NULL, group_key TEXT NOT NULL, members BIGINT NOT NULL, PRIMARY KEY (month, group_key))
            """
        ).run()
    }

    package func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw NeedsSQLDatabase(component: name) }
        try await sql.raw("DROP TABLE panel_count_snapshots").run()
    }
}
