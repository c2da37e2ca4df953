import Fluent
import Foundation

/// Which teams a staff member's view is limited to (team managers see results of these only).
final class StaffTeamScope: Model, @unchecked Sendable {
    static let schema = "staff_team_scopes"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: StaffUser
    @Parent(key: "team_id") var team: Team

    init() {}
}
