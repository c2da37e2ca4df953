import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The question bank as a list: every reusable question with its theme, audiences, source and
/// licence note. Questions are added to a questionnaire from its editor.
struct QuestionBankController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .questionBank, access: .staff(.coordinateParticipation), use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let language = req.language.rawValue
        let themes = Dictionary(uniqueKeysWithValues: Theme.defaults.map { ($0.key, $0.name.text(language)) })
        let items = try await QuestionBank.items(req.application, on: req.db, now: req.now)
        let context = QuestionBankPage(
            layout: try await req.layout(titleKey: "bank.title"),
            rows: items.map { item in
                .init(
                    key: item.question.key, text: item.question.text.text(language), type: req.t("question.type.\(item.question.type.rawValue)"),
                    theme: item.question.theme.flatMap { themes[$0] } ?? "–",
                    audiences: item.audiences.map { req.t("questionnaire.audience.\($0.rawValue)") }.joined(separator: ", "),
                    source: item.source, licence: item.licence)
            })
        return try await req.render("Surveys/questionBank", context)
    }
}
