import MeedenkenCore
import MeedenkenStore
import Vapor

/// Every feature registers its routes through `RoutesBuilder.on(_:_:access:…)`, which attaches
/// the access rule; a test fails if any route lacks one.
func routes(_ app: Application) throws {
    PublicController().register(app)
    OperationsController().register(app)
    LoginController().register(app)
    AccessLinkController().register(app)
    StaffHomeController().register(app)
    AccountController().register(app)
    EmailChangeController().register(app)
    UsersController().register(app)
    TeamsController().register(app)
    SettingsController().register(app)
    AuditLogController().register(app)
    QuestionnairesController().register(app)
    QuestionnaireBuilderController().register(app)
    QuestionnairePreviewController().register(app)
    QuestionBankController().register(app)
    AnsweringController().register(app)
    PaperEntryController().register(app)
    PosterController().register(app)
    UnsubscribeController().register(app)
    SignUpController().register(app)
    MyDataController().register(app)
    PanelController().register(app)
    PanelProposalController().register(app)
    InvitationsController().register(app)
    ResultsController().register(app)
    OpenAnswersController().register(app)
    DangerFlagController().register(app)
    PublicationController().register(app)
    PreviousWaveController().register(app)
    ClosureImportController().register(app)
    OutboxController().register(app)
    PlannedInvitationsController().register(app)
    WaveInvitationsController().register(app)
    MailPreviewController().register(app)
    ApiTokensController().register(app)
    ApiController().register(app)
}
