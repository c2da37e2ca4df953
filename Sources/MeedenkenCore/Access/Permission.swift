/// Something a staff member may do. Routes declare one of these; roles are granted them in
/// `PermissionTable`, the one place where access is decided.
public enum Permission: String, CaseIterable, Codable, Sendable {
    /// The staff start page and one's own account.
    case useStaffArea
    case manageUsers
    case manageTeams
    case manageSettings
    case readAuditLog
    /// Aggregated results, never below the minimum group size (team managers: own teams only).
    case viewResults
    /// Respondent-level data: exports of single responses, reviewed open answers.
    case exportRespondentData
    /// Questionnaires, invitations, panel, mirror meetings, improvement actions.
    case coordinateParticipation
    /// Mirror meetings a moderator is assigned to, with their participants' names.
    case moderateAssignedMeetings
    /// Council members, meetings and dossiers, with members' contact details.
    case manageCouncil
    /// Council dossiers and what the organisation publishes to the council.
    case readCouncilDossiers
    /// Proposing someone for the panel (with their permission): they get the confirmation mail
    /// and decide; the proposer sees nothing more afterwards.
    case proposePanelMembers
    /// A panel segment's contact list as a file (audit-logged).
    case exportPanelContacts
    /// API tokens for the case system: they carry clients' contact details into Meedenken.
    case manageApiTokens

    /// Whether holding this permission gives sight of personal data (names, contact details) or
    /// of respondent-level data. Any role holding one needs a second factor (DESIGN §4.5).
    public var exposesPersonalData: Bool {
        switch self {
        case .manageUsers, .readAuditLog, .exportRespondentData, .coordinateParticipation,
            .moderateAssignedMeetings, .manageCouncil, .manageApiTokens, .exportPanelContacts:
            return true
        case .useStaffArea, .manageTeams, .manageSettings, .viewResults, .readCouncilDossiers, .proposePanelMembers:
            return false
        }
    }
}
