import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Per questionnaire: how far its invitations got, per team. Counts only (DESIGN §4.1).
struct InvitationsController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .questionnaireInvitations(id: .routePattern), access: .staff(.coordinateParticipation), use: show)
    }

    static func rate(_ counts: InvitationStatistics.Counts) -> String {
        counts.invited == 0 ? "–" : "\(counts.completed * 100 / counts.invited)%"
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db)
        else { throw UserFacingError(.notFound, "error.message.404") }
        let statistics = try await InvitationStatistics.compute(questionnaireID: id, minimum: try await req.organisation().minimumGroupSize, on: req.db)
        let title = try await QuestionnaireStore.latestVersion(of: id, on: req.db)?.definition().title.text(req.language.rawValue) ?? questionnaire.key
        let context = InvitationsPage(
            layout: try await req.layout(titleKey: "invitations.title", titleArguments: ["title": title]), title: title,
            backHref: SiteRoute.questionnaire(id: id).path,
            rows: statistics.teams.map { .init(team: $0.team, counts: $0.counts, responseRate: Self.rate($0.counts)) },
            hasRows: !statistics.teams.isEmpty, total: statistics.total, importHref: SiteRoute.closureImport.path,
            waveHref: questionnaire.kind == .satisfactionWave ? SiteRoute.waveInvitations(id: id).path : nil,
            totalResponseRate: Self.rate(statistics.total))
        return try await req.render("Invitations/statistics", context)
    }
}
