import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

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
            else { throw UserFacingError(.badRequest, "results.error.chooseComparison") }
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
