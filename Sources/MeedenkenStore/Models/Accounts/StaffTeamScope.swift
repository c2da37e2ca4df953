import FluentKit
import Foundation

/// Which teams a staff member's view is limited to (team managers see results of these only).
package final class StaffTeamScope: Model, @unchecked Sendable {
    package static let schema = "staff_team_scopes"

    @ID(key: .id) package var id: UUID?
    @Parent(key: "user_id") package var user: StaffUser
    @Parent(key: "team_id") package var team: Team

    package init() {}
}
