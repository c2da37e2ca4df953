/// What a staff member is in the organisation. The raw values are stored in the database.
public enum Role: String, CaseIterable, Codable, Sendable {
    case administrator
    case coordinator  // participatiecoördinator
    case researcher
    case teamManager = "team_manager"
    case moderator  // gespreksleider: only the mirror meetings assigned to them
    case councilSecretary = "council_secretary"
    case councilMember = "council_member"
    /// jeugdbeschermer: may propose someone for the panel, and sees nothing of it afterwards.
    case caseworker

    /// Catalog key of the role's name in the interface.
    public var labelKey: String { "role.\(rawValue)" }

    /// Roles whose view is limited to the teams a user is scoped to.
    public var isTeamScoped: Bool { self == .teamManager }
}
