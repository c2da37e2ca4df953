import Fluent
import SQLKit
import Vapor

/// The schema's history, in order. Append only: a released migration is never edited.
enum Migrations {
    static let all: [any Migration] = [
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

    static func register(on app: Application) {
        app.migrations.add(all)
    }

    /// Names of migrations not yet applied to the database. On a brand-new database Fluent's
    /// bookkeeping table does not exist yet, and every migration is pending.
    static func pending(on app: Application) async throws -> [String] {
        guard try await hasMigrationLog(app.db) else { return all.map(\.name) }
        return try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
    }

    private static func hasMigrationLog(_ database: any Database) async throws -> Bool {
        guard let sql = database as? any SQLDatabase else { return true }
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_fluent_migrations'"
            : "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_name = '_fluent_migrations' AND table_schema = current_schema()"
        let row = try await sql.raw(query).first()
        return (try row?.decode(column: "n", as: Int.self) ?? 0) > 0
    }
}
