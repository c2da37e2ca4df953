import Fluent
import Foundation
import MeedenkenCore
import Vapor

/// Which earlier questionnaire a satisfaction-survey wave follows, so its report (printed and
/// published) says what changed since then. Set by a coordinator on the results page.
final class PreviousWave: Model, @unchecked Sendable {
    static let schema = "previous_waves"

    @ID(key: .id) var id: UUID?
    @Field(key: "questionnaire_id") var questionnaireID: UUID
    @Field(key: "previous_id") var previousID: UUID
    @Field(key: "set_at") var setAt: Date

    init() {}

    init(questionnaireID: UUID, previousID: UUID, setAt: Date) {
        self.questionnaireID = questionnaireID
        self.previousID = previousID
        self.setAt = setAt
    }

    static func of(_ questionnaireID: UUID, on database: any Database) async throws -> UUID? {
        try await PreviousWave.query(on: database).filter(\.$questionnaireID == questionnaireID).first()?.previousID
    }
}

struct CreatePreviousWave: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(PreviousWave.schema)
            .id()
            .field("questionnaire_id", .uuid, .required, .references(Questionnaire.schema, .id, onDelete: .cascade))
            .field("previous_id", .uuid, .required, .references(Questionnaire.schema, .id, onDelete: .cascade))
            .field("set_at", .datetime, .required)
            .unique(on: "questionnaire_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PreviousWave.schema).delete()
    }
}

/// Setting or clearing a questionnaire's previous wave (coordinators).
struct PreviousWaveController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, .previousWave(id: .routePattern), access: .staff(.coordinateParticipation), use: set)
    }

    struct Form: Content {
        var vorige: String?
    }

    @Sendable func set(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        let chosen = (try? req.content.decode(Form.self))?.vorige?.trimmingCharacters(in: .whitespaces) ?? ""
        let existing = try await PreviousWave.query(on: req.db).filter(\.$questionnaireID == subject.id).first()
        if chosen.isEmpty {
            try await existing?.delete(on: req.db)
        } else {
            // Only another questionnaire for the same people can be an earlier wave of this one.
            guard let previousID = UUID(uuidString: chosen), previousID != subject.id,
                let previous = try await Questionnaire.find(previousID, on: req.db), previous.audience == subject.audience
            else { throw LocalizedError(.badRequest, "results.error.chooseComparison") }
            if let existing {
                existing.previousID = previousID
                existing.setAt = req.now
                try await existing.update(on: req.db)
            } else {
                try await PreviousWave(questionnaireID: subject.id, previousID: previousID, setAt: req.now).create(on: req.db)
            }
        }
        return req.redirect(to: SiteRoute.questionnaireResults(id: subject.id).path + "#changes-heading")
    }
}
