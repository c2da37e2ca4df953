/// The one table that says which role may do what. Every route names a `Permission`; a test walks
/// every route against every role and anonymous visitors using this table.
public enum PermissionTable {
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .administrator:
            return [.useStaffArea, .manageUsers, .manageTeams, .manageSettings, .readAuditLog, .viewResults, .manageApiTokens]
        case .coordinator:
            return [.useStaffArea, .coordinateParticipation, .viewResults, .proposePanelMembers, .exportPanelContacts]
        case .researcher:
            return [.useStaffArea, .viewResults, .exportRespondentData]
        case .teamManager:
            return [.useStaffArea, .viewResults]
        case .moderator:
            return [.useStaffArea, .moderateAssignedMeetings]
        case .councilSecretary:
            return [.useStaffArea, .manageCouncil, .readCouncilDossiers]
        case .councilMember:
            return [.useStaffArea, .readCouncilDossiers]
        case .caseworker:
            return [.useStaffArea, .proposePanelMembers]
        }
    }

    public static func allows(_ role: Role, _ permission: Permission) -> Bool {
        permissions(of: role).contains(permission)
    }

    /// Derived, not declared: a role needs 2FA exactly when one of its permissions exposes
    /// personal or respondent-level data.
    public static func requiresSecondFactor(_ role: Role) -> Bool {
        permissions(of: role).contains(where: \.exposesPersonalData)
    }
}
