import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Storing questionnaire definitions: a new key makes a questionnaire; a known key replaces the
/// latest version while it has no responses, and makes a new version once it has (frozen).
struct QuestionnaireStore {
    let database: any Database

    struct Imported {
        let questionnaire: Questionnaire
        let version: QuestionnaireVersion
    }

    func save(_ definition: QuestionnaireDefinition, now: Date) async throws -> Imported {
        try await database.transaction { database in
            if let existing = try await Questionnaire.query(on: database).filter(\.$key == definition.key).first() {
                let id = try existing.requireID()
                let latest = try await Self.latestVersion(of: id, on: database)
                var frozen = true
                if let latest {
                    frozen = try await SurveyResponse.query(on: database).filter(\.$version.$id == latest.requireID()).count() > 0
                }
                existing.kind = definition.kind
                existing.audience = definition.audience
                existing.anonymous = definition.anonymous
                try await existing.save(on: database)
                if let latest, !frozen {
                    let replacement = try QuestionnaireVersion(questionnaireID: id, number: latest.number, definition: definition, createdAt: now)
                    latest.definitionJSON = replacement.definitionJSON
                    try await latest.save(on: database)
                    return Imported(questionnaire: existing, version: latest)
                }
                let version = try QuestionnaireVersion(questionnaireID: id, number: (latest?.number ?? 0) + 1, definition: definition, createdAt: now)
                try await version.create(on: database)
                return Imported(questionnaire: existing, version: version)
            }
            let questionnaire = Questionnaire(definition: definition, openLinkKey: SecureToken.generate(byteCount: 12), createdAt: now)
            try await questionnaire.create(on: database)
            let version = try QuestionnaireVersion(questionnaireID: try questionnaire.requireID(), number: 1, definition: definition, createdAt: now)
            try await version.create(on: database)
            return Imported(questionnaire: questionnaire, version: version)
        }
    }

    static func latestVersion(of questionnaireID: UUID, on database: any Database) async throws -> QuestionnaireVersion? {
        try await QuestionnaireVersion.query(on: database).filter(\.$questionnaire.$id == questionnaireID)
            .sort(\.$number, .descending).first()
    }

    /// The starter questionnaires shipped in `Resources/Questionnaires`, in our own words.
    static func starterDefinitions(in app: Application) throws -> [QuestionnaireDefinition] {
        let folder = app.directory.resourcesDirectory + "Questionnaires/"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }.sorted()
        let validator = DefinitionValidator(themes: Set(Theme.defaults.map(\.key)))
        return try files.map { file in
            try validator.validate(json: try Data(contentsOf: URL(fileURLWithPath: folder + file))).get()
        }
    }
}
