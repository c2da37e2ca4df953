import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Publishing (coordinators) and the public pages (anyone).
struct PublicationController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.POST, .resultPublication(id: .routePattern), access: .staff(.coordinateParticipation), use: toggle)
        routes.on(.GET, .publishedResults, access: .anyone, use: list)
        routes.on(.GET, .publishedResult(id: .routePattern), access: .anyone, use: show)
    }

    @Sendable func toggle(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        if let existing = try await ResultPublication.query(on: req.db).filter(\.$questionnaireID == subject.id).first() {
            try await existing.delete(on: req.db)
        } else {
            try await ResultPublication(questionnaireID: subject.id, publishedAt: req.now).create(on: req.db)
        }
        try await req.auditResultPublication(of: subject.id)
        return req.redirect(to: SiteRoute.questionnaireResults(id: subject.id).path)
    }

    struct ListPage: Encodable {
        struct Row: Encodable {
            let title: String
            let href: String
        }

        let layout: LayoutContext
        let rows: [Row]
        let hasRows: Bool
    }

    @Sendable func list(req: Request) async throws -> Response {
        var rows: [ListPage.Row] = []
        for publication in try await ResultPublication.query(on: req.db).sort(\.$publishedAt, .descending).all() {
            guard let version = try await QuestionnaireStore.latestVersion(of: publication.questionnaireID, on: req.db) else { continue }
            rows.append(
                .init(title: try version.definition().title.text(req.language.rawValue), href: SiteRoute.publishedResult(id: publication.questionnaireID).path))
        }
        return try await req.render(
            "Public/results", ListPage(layout: try await req.layout(titleKey: "published.title", staffArea: false), rows: rows, hasRows: !rows.isEmpty))
    }

    /// The organisation's results of a published questionnaire: never teams, filters or
    /// unreviewed text, and nothing the minimum group size withholds.
    @Sendable func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self),
            try await Store(req.db, for: "results").isPublished(id)
        else { throw UserFacingError(.notFound, "error.message.404") }
        let subject = try await ResultsSubject.load(req, id: id)
        let page = try await ResultsPageBuilder.page(for: req, subject: subject, filter: ResultFilter(), problems: [], publicView: true)
        return try await req.render("Public/result", page)
    }
}
