import FluentKit
import MeedenkenCore

/// The schema's history, in order. Append only: a released migration is never edited, and each
/// carries the SQL it needs (no call into today's code), so running it on an old database later
/// does what it did on the day it was written. Each keeps the name it was released under.
package enum MigrationList {
    package static let all: [any Migration] = [
        CreateRegion(),
        CreateTeam(),
        CreateOrganisationSettings(),
        CreateStaffUser(),
        CreateStaffTeamScope(),
        CreateStaffSession(),
        CreateRecoveryCode(),
        CreateAccessLink(),
        CreateAuditEvent(),
        CreateRateLimitCounter(),
        CreateQuestionnaire(),
        CreateQuestionnaireVersion(),
        CreateSurveyResponse(),
        CreateResponseAnswer(),
        CreateResponseDraft(),
        CreateTrajectoryClosure(),
        CreateInvitation(),
        CreateInvitationLink(),
        CreateUnsubscribedAddress(),
        AddInvitationColumns(),
        CreateOutboxMessage(),
        CreateApiToken(),
        CreateQuestionBankEntry(),
        CreateCodebook(),
        CreateOpenAnswerReview(),
        CreateResultTallies(),
        AddResponseAnswerIndex(),
        CreateResultPublication(),
        CountResultTalliesByMonth(),
        CreatePreviousWave(),
        AddResponseAnswerLine(),
        CreateAnswerTotals(),
        KeepOnlyOpenAnswersApart(),
        CreateEmailChange(),
        UpdateDangerWordsToPatterns(),
        AddSafetySettings(),
        CreateDangerFlag(),
        AddArrivalMixing(),
        AddChildInvitations(),
        AddAdultFormOfAddress(),
        AddSurveyWaves(),
    ]
}
