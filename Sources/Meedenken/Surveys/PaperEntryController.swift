import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Staff type in a questionnaire that was answered on paper. All questions on one page, as on
/// paper; required questions may stay empty (the paper is what it is), invalid values may not.
/// Stored like any response, with channel `paper`, and with no link to who typed it in.
struct PaperEntryController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .questionnairePaper(id: .routePattern), access: .staff(.coordinateParticipation), use: show)
        // A whole paper questionnaire with long answers in one post.
        routes.on(
            .POST, .questionnairePaper(id: .routePattern), access: .staff(.coordinateParticipation), staleForm: .reshow,
            body: .collect(maxSize: "2mb"), use: save)
    }

    private func latest(_ req: Request) async throws -> (Questionnaire, QuestionnaireVersion, QuestionnaireDefinition) {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self),
            let questionnaire = try await Questionnaire.find(id, on: req.db),
            let version = try await QuestionnaireStore.latestVersion(of: id, on: req.db)
        else { throw UserFacingError(.notFound, "error.message.404") }
        return (questionnaire, version, try version.definition())
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (questionnaire, version, definition) = try await latest(req)
        return try await page(
            req, questionnaire, version, definition, posted: [:], problems: [:], language: "nl",
            saved: req.querySaved != nil, errors: FormErrors())
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (questionnaire, version, definition) = try await latest(req)
        let fields = try FormFields.parse(req)
        let language = Language(rawValue: fields["taal"]?.first ?? "")?.rawValue ?? Language.default.rawValue
        let posted = Dictionary(uniqueKeysWithValues: definition.questions.map { ($0.key, fields[QuestionViews.field(for: $0)] ?? []) })
        var errors = req.staleFormErrors()
        if errors.hasErrors {
            return try await page(req, questionnaire, version, definition, posted: posted, problems: [:], language: language, saved: false, errors: errors)
        }
        var answers: [String: Answer] = [:]
        var problems: [String: String] = [:]
        for question in definition.questions {
            var optional = question
            optional.required = false
            switch optional.parse(posted[question.key] ?? []) {
            case .success(let answer?): answers[question.key] = answer
            case .success(nil): break
            case .failure(let problem):
                problems[question.key] = req.t(problem.rawValue)
                errors.add(QuestionViews.field(for: question), req.t(problem.rawValue))
            }
        }
        if errors.hasErrors {
            return try await page(
                req, questionnaire, version, definition, posted: posted, problems: problems, language: language,
                saved: false, errors: errors, status: .unprocessableEntity)
        }
        let token = fields["invoer"]?.first ?? ""
        let back = SiteRoute.questionnairePaper(id: try questionnaire.requireID()).path(.saved())
        guard
            let draft = try await ResponseDraft.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(token))
                .filter(\.$version.$id == version.requireID()).first()
        else { throw UserFacingError(.badRequest, "error.formUnreadable") }
        // Answers to questions a condition hides are not kept, as on screen.
        let kept = ResponseFlow(definition).keepingVisible(answers)
        let attributes = ResponseRecorder.Attributes(
            versionID: try version.requireID(), language: language, channel: ResponseChannel.paper.rawValue, respondentRole: definition.audience.rawValue,
            danger: try await .make(req, questionnaireID: try questionnaire.requireID(), answers: kept))
        let stored = try await ResponseRecorder.record(
            draftID: try draft.requireID(), answers: kept, attributes: attributes,
            now: req.now, on: req)
        // A paper answer that may signal danger reaches whoever is on duty like any other.
        if stored, attributes.danger?.flags(kept) == true { await DangerAlerts.raiseAfterStoring(req) }
        return req.redirect(to: back)
    }

    private func page(
        _ req: Request, _ questionnaire: Questionnaire, _ version: QuestionnaireVersion, _ definition: QuestionnaireDefinition,
        posted: [String: [String]], problems: [String: String], language: String, saved: Bool, errors: FormErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        // Every showing of the form gets its own one-time token, held as a draft.
        let token = SecureToken.generate()
        try await ResponseDraft(tokenHash: SecureToken.hash(token), versionID: try version.requireID(), now: req.now).create(on: req.db)
        let shownLanguage = req.language.rawValue
        let questions = definition.questions.map { question in
            QuestionViews.make(
                question, language: shownLanguage, saved: nil, posted: posted.isEmpty ? nil : posted[question.key],
                problem: problems[question.key], dontKnowLabel: req.t("answer.dontKnow"), notApplicableLabel: req.t("answer.notApplicable"))
        }
        let context = PaperEntryPage(
            layout: try await req.layout(titleKey: "paper.title"), title: definition.title.text(shownLanguage),
            formAction: SiteRoute.questionnairePaper(id: try questionnaire.requireID()).path, entryToken: token,
            languages: Language.allCases.map { .init(value: $0.rawValue, label: $0.nativeName, isSelected: $0.rawValue == language) },
            questions: questions, saved: saved, errors: errors, backHref: SiteRoute.questionnaire(id: try questionnaire.requireID()).path)
        return try await req.render("Surveys/paper", context, status: status)
    }
}
