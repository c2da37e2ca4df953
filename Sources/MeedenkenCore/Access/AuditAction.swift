/// What an audit entry records. Security events and every view or export of personal data.
public enum AuditAction: String, Codable, CaseIterable, Sendable {
    case loginSucceeded = "login.succeeded"
    case loginFailed = "login.failed"
    case loginRateLimited = "login.rate_limited"
    case secondFactorSucceeded = "second_factor.succeeded"
    case secondFactorFailed = "second_factor.failed"
    case recoveryCodeUsed = "second_factor.recovery_code_used"
    case secondFactorEnrolled = "second_factor.enrolled"
    /// Someone past the password tried to set up a second factor for a person who has one.
    case secondFactorEnrolmentRefused = "second_factor.enrolment_refused"
    case recoveryCodesRegenerated = "second_factor.recovery_codes_regenerated"
    case logout = "logout"
    case sessionExpired = "session.expired"
    case passwordChanged = "password.changed"
    case emailChanged = "email.changed"
    /// A new address was asked for; `emailChanged` follows when its link is followed.
    case emailChangeRequested = "email.change_requested"
    case accountActivated = "account.activated"
    case firstAdministratorCreated = "account.first_administrator_created"
    case userCreated = "user.created"
    case userRoleChanged = "user.role_changed"
    case userTeamsChanged = "user.teams_changed"
    case userDisabled = "user.disabled"
    case userEnabled = "user.enabled"
    case userAccessReset = "user.access_reset"
    case usersViewed = "personal_data.users_viewed"
    case auditLogViewed = "personal_data.audit_log_viewed"
    case settingsChanged = "settings.changed"
    case accessDenied = "access.denied"
    case apiTokenCreated = "api_token.created"
    case apiTokenRevoked = "api_token.revoked"
    /// Contact details of clients came in (API or CSV): who sent them matters.
    case closuresReceived = "personal_data.closures_received"
    case outboxViewed = "personal_data.outbox_viewed"
    case plannedInvitationsViewed = "personal_data.planned_invitations_viewed"
    case invitationCancelled = "personal_data.invitation_cancelled"
    /// Single responses left the system (researcher exports, in the browser or by API).
    case respondentDataExported = "personal_data.respondent_data_exported"
    /// Open answers read as written, before masking (the review page).
    case openAnswersViewed = "personal_data.open_answers_viewed"
    /// Results went on the public page, or came off it.
    case resultsPublished = "results.published"
    case resultsWithdrawn = "results.withdrawn"
    case questionnaireOpened = "questionnaire.opened"
    case questionnaireClosed = "questionnaire.closed"
    /// Theme stems or danger words changed: what is flagged to the person on duty depends on them.
    case codebookChanged = "codebook.changed"
    /// Someone on duty looked at an answer flagged for danger and said what was done.
    case dangerFlagAcknowledged = "danger_flag.acknowledged"
    /// The panel's member list, or one member, was looked at (names and contact details).
    case panelMembersViewed = "personal_data.panel_members_viewed"
    /// A segment's contact list left the system as a file.
    case panelContactsExported = "personal_data.panel_contacts_exported"
    /// Staff deleted a member on their request (a mail or a call).
    case panelMemberDeleted = "personal_data.panel_member_deleted"
    /// Someone was proposed for the panel by a caseworker.
    case panelMemberProposed = "panel.member_proposed"
    /// A panel questionnaire went to a segment (with the sample's seed).
    case panelQuestionnaireSent = "panel.questionnaire_sent"
}
