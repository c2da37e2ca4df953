import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// A questionnaire as its respondents will see it, in a chosen language, every page at once, with
/// links to the same kind of questionnaire for the other audiences. Nothing can be sent from it.
struct QuestionnairePreviewController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .questionnairePreview(id: .routePattern), access: .staff(.coordinateParticipation), use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db),
            let version = try await QuestionnaireStore.latestVersion(of: id, on: req.db)
        else { throw UserFacingError(.notFound, "error.message.404") }
        let definition = try version.definition()
        let language = Language(rawValue: req.query[String.self, at: SiteQuery.Name.language] ?? "") ?? req.language
        let localizer = req.application.localizer
        let pages = definition.pages.enumerated().map { index, page in
            PreviewPage.PreviewQuestionPage(
                number: index + 1, title: page.title?.text(language.rawValue),
                questions: page.questions.map { question in
                    QuestionViews.make(
                        question, language: language.rawValue, saved: nil, posted: nil, problem: nil,
                        dontKnowLabel: localizer.text("answer.dontKnow", in: language),
                        notApplicableLabel: localizer.text("answer.notApplicable", in: language))
                })
        }
        let route = SiteRoute.questionnairePreview(id: id)
        let siblings = try await Questionnaire.query(on: req.db).filter(\.$kind == questionnaire.kind).filter(\.$id != id).sort(\.$audience).all()
        let context = PreviewPage(
            layout: try await req.layout(titleKey: "builder.previewTitle", titleArguments: ["title": definition.title.text(language.rawValue)]),
            title: definition.title.text(language.rawValue), introduction: definition.introduction?.text(language.rawValue),
            audience: req.t("questionnaire.audience.\(definition.audience.rawValue)"), languageName: language.nativeName,
            previewLanguage: language.rawValue, backHref: SiteRoute.questionnaireEditor(id: id).path,
            languages: Language.allCases.map { .init(href: route.path(.language($0)), label: $0.nativeName, isCurrent: $0 == language) },
            otherAudiences: try siblings.map { sibling in
                .init(
                    href: SiteRoute.questionnairePreview(id: try sibling.requireID()).path(.language(language)),
                    label: req.t("questionnaire.audience.\(sibling.audience.rawValue)") + " (\(sibling.key))", isCurrent: false)
            }, hasOtherAudiences: !siblings.isEmpty, pages: pages)
        return try await req.render("Surveys/preview", context)
    }
}
