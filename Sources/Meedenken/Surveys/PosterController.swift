import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// A printable A4 poster for a questionnaire's open link: the question in large letters, a QR
/// code (drawn here, `QRCode` in Core) and the address to type, for a waiting room or a group.
struct PosterController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .questionnairePoster(id: .routePattern), access: .staff(.coordinateParticipation), use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db),
            let definition = try await QuestionnaireStore.latestVersion(of: id, on: req.db)?.definition()
        else { throw UserFacingError(.notFound, "error.message.404") }
        // A poster for a closed questionnaire would send people to a page that says "closed".
        guard questionnaire.isOpen else { throw UserFacingError(.conflict, "poster.error.closed") }
        let link = req.application.config.publicBaseURL.absoluteString + SiteRoute.answerStart(link: questionnaire.openLinkKey).path
        let language = req.language.rawValue
        let code = try QRCode(link)
        let context = PosterPage(
            layout: try await req.layout(titleKey: "poster.title", titleArguments: ["title": definition.title.text(language)]),
            organisation: try await req.organisation().name, title: definition.title.text(language), link: link,
            qrLabel: req.t("poster.qrLabel", ["link": link]), qrSide: code.sideWithQuietZone, qrPath: code.pathData,
            privacy: req.t(questionnaire.anonymous ? "poster.anonymous" : "poster.confidential"),
            backHref: SiteRoute.questionnaire(id: id).path)
        return try await req.render("Surveys/poster", context)
    }
}
