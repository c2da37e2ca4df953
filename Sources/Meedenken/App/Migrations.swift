import Fluent
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
    ]

    static func register(on app: Application) {
        app.migrations.add(all)
    }

    /// Names of migrations not yet applied to the database.
    static func pending(on app: Application) async throws -> [String] {
        try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
    }
}
