import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Coordinators import questionnaires (a JSON document, or the starter set), open and close them,
/// and see how many responses each version has.
struct QuestionnairesController {
    func register(_ routes: any RoutesBuilder) {
        let access = Access.staff(.coordinateParticipation)
        routes.on(.GET, .questionnaires, access: access, use: list)
        routes.on(.POST, .questionnaireStarters, access: access, use: importStarters)
        routes.on(.GET, .questionnaireImport, access: access, use: showImport)
        routes.on(.POST, .questionnaireImport, access: access, staleForm: .reshow, body: .collect(maxSize: "1mb"), use: importDocument)
        routes.on(.GET, .questionnaire(id: .routePattern), access: access, use: detail)
        routes.on(.POST, .questionnaireStatus(id: .routePattern), access: access, use: toggleStatus)
        routes.on(.GET, .questionnaireDocument(id: .routePattern), access: access, use: document)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let questionnaires = try await Questionnaire.query(on: req.db).with(\.$versions).sort(\.$key).all()
        let counts = try await Self.responseCounts(on: req.db)
        var rows: [QuestionnairesPage.Row] = []
        for questionnaire in questionnaires {
            guard let latest = questionnaire.versions.max(by: { $0.number < $1.number }) else { continue }
            let responses = questionnaire.versions.compactMap(\.id).reduce(0) { $0 + (counts[$1] ?? 0) }
            let definition = try latest.definition()
            rows.append(
                .init(
                    title: definition.title.text(req.language.rawValue), kind: req.t("questionnaire.kind.\(questionnaire.kind.rawValue)"),
                    audience: req.t("questionnaire.audience.\(questionnaire.audience.rawValue)"), version: latest.number,
                    responses: responses, status: req.t(questionnaire.isOpen ? "questionnaire.open" : "questionnaire.closed"),
                    href: SiteRoute.questionnaire(id: try questionnaire.requireID()).path))
        }
        let context = QuestionnairesPage(
            layout: try await req.layout(titleKey: "questionnaires.title"), rows: rows, hasRows: !rows.isEmpty,
            importHref: SiteRoute.questionnaireImport.path, newHref: SiteRoute.newQuestionnaire.path, startersAction: SiteRoute.questionnaireStarters.path)
        return try await req.render("Surveys/questionnaires", context)
    }

    /// Responses per version, in one grouped query.
    static func responseCounts(on database: any Database) async throws -> [UUID: Int] {
        try await Store(database).responseCountsByVersion()
    }

    /// Adds the starter questionnaires that are not there yet; never overwrites one.
    @Sendable func importStarters(req: Request) async throws -> Response {
        let store = QuestionnaireStore(database: req.db)
        for definition in try QuestionnaireStore.starterDefinitions(in: req.application)
        where try await Questionnaire.query(on: req.db).filter(\.$key == definition.key).count() == 0 {
            _ = try await store.save(definition, now: req.now)
        }
        return req.redirect(to: SiteRoute.questionnaires.path)
    }

    @Sendable func showImport(req: Request) async throws -> Response {
        try await importPage(req, document: "", problems: [], errors: FormErrors())
    }

    @Sendable func importDocument(req: Request) async throws -> Response {
        let form = try req.form(ImportForm.self)
        let uploaded = form.file.flatMap { $0.data.readableBytes > 0 ? String(decoding: Data($0.data.readableBytesView), as: UTF8.self) : nil }
        let text = uploaded ?? form.document ?? ""
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await importPage(req, document: text, problems: [], errors: errors) }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add("document", req.t("import.error.empty"))
            return try await importPage(req, document: text, problems: [], errors: errors, status: .unprocessableEntity)
        }
        let validator = DefinitionValidator(themes: Set(Theme.defaults.map(\.key)))
        switch validator.validate(json: Data(text.utf8)) {
        case .failure(let failure):
            errors.addGeneral(req.t("import.error.problems", ["count": "\(failure.problems.count)"]))
            let problems = failure.problems.map { problem in
                ImportPage.Problem(
                    pointer: problem.pointer.isEmpty ? "/" : problem.pointer,
                    message: req.t("definition.error.\(problem.code.rawValue)") + (problem.detail.map { " (\($0))" } ?? ""))
            }
            return try await importPage(req, document: text, problems: problems, errors: errors, status: .unprocessableEntity)
        case .success(let definition):
            let imported = try await QuestionnaireStore(database: req.db).save(definition, now: req.now)
            return req.redirect(to: SiteRoute.questionnaire(id: try imported.questionnaire.requireID()).path)
        }
    }

    @Sendable func detail(req: Request) async throws -> Response {
        let questionnaire = try await find(req)
        let versions = questionnaire.versions.sorted { $0.number > $1.number }
        guard let latest = versions.first else { throw UserFacingError(.notFound, "error.message.404") }
        let definition = try latest.definition()
        var rows: [QuestionnaireDetailPage.VersionRow] = []
        for version in versions {
            let responses = try await SurveyResponse.query(on: req.db).filter(\.$version.$id == version.requireID()).count()
            rows.append(.init(number: version.number, questions: try version.definition().questions.count, responses: responses))
        }
        let id = try questionnaire.requireID()
        let context = QuestionnaireDetailPage(
            layout: try await req.layout(titleKey: "questionnaire.title", titleArguments: ["title": definition.title.text(req.language.rawValue)]),
            title: definition.title.text(req.language.rawValue), kind: req.t("questionnaire.kind.\(questionnaire.kind.rawValue)"),
            audience: req.t("questionnaire.audience.\(questionnaire.audience.rawValue)"),
            anonymousText: req.t(questionnaire.anonymous ? "questionnaire.anonymous" : "questionnaire.confidential"),
            isOpen: questionnaire.isOpen,
            openLink: req.application.config.publicBaseURL.absoluteString + SiteRoute.answerStart(link: questionnaire.openLinkKey).path,
            statusAction: SiteRoute.questionnaireStatus(id: id).path, documentHref: SiteRoute.questionnaireDocument(id: id).path,
            editHref: SiteRoute.questionnaireEditor(id: id).path,
            paperHref: SiteRoute.questionnairePaper(id: id).path, posterHref: SiteRoute.questionnairePoster(id: id).path,
            invitationsHref: SiteRoute.questionnaireInvitations(id: id).path,
            versions: rows, backHref: SiteRoute.questionnaires.path)
        return try await req.render("Surveys/questionnaire", context)
    }

    @Sendable func toggleStatus(req: Request) async throws -> Response {
        let questionnaire = try await find(req)
        questionnaire.isOpen.toggle()
        try await questionnaire.save(on: req.db)
        try await req.audit(
            questionnaire.isOpen ? .questionnaireOpened : .questionnaireClosed, object: ("questionnaire", try questionnaire.requireID().uuidString))
        return req.redirect(to: SiteRoute.questionnaire(id: try questionnaire.requireID()).path)
    }

    /// The latest version as the JSON document it can be imported from again.
    @Sendable func document(req: Request) async throws -> Response {
        let questionnaire = try await find(req)
        guard let latest = questionnaire.versions.max(by: { $0.number < $1.number }) else { throw UserFacingError(.notFound, "error.message.404") }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(try latest.definition())))
        response.headers.contentType = .json
        response.headers.contentDisposition = .init(.attachment, filename: "\(questionnaire.key).json")
        return response
    }

    private func find(_ req: Request) async throws -> Questionnaire {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self),
            let questionnaire = try await Questionnaire.query(on: req.db).filter(\.$id == id).with(\.$versions).first()
        else { throw UserFacingError(.notFound, "error.message.404") }
        return questionnaire
    }

    private func importPage(
        _ req: Request, document: String, problems: [ImportPage.Problem], errors: FormErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = ImportPage(
            layout: try await req.layout(titleKey: "import.title"), formAction: SiteRoute.questionnaireImport.path,
            document: document, problems: problems, hasProblems: !problems.isEmpty, errors: errors, backHref: SiteRoute.questionnaires.path,
            fields: Self.formatHelp(req), example: Self.exampleDocument)
        return try await req.render("Surveys/import", context, status: status)
    }

    /// The document's fields in the coordinator's language, the allowed values read from the
    /// code itself, so the help cannot fall behind the validator.
    static func formatHelp(_ req: Request) -> [ImportPage.FieldHelp] {
        let language = req.language.rawValue
        func values(_ pairs: [(String, String)]) -> String { pairs.map { "\($0.0) (\($0.1))" }.joined(separator: ", ") }
        let kinds = values(QuestionnaireDefinition.Kind.allCases.map { ($0.rawValue, req.t("questionnaire.kind.\($0.rawValue)")) })
        let audiences = values(QuestionnaireDefinition.Audience.allCases.map { ($0.rawValue, req.t("questionnaire.audience.\($0.rawValue)")) })
        let types = values(QuestionType.allCases.map { ($0.rawValue, req.t("question.type.\($0.rawValue)")) })
        let themes = values(Theme.defaults.map { ($0.key, $0.name.text(language)) })
        return [
            .init(field: "key", meaning: req.t("import.help.key")),
            .init(field: "kind", meaning: req.t("import.help.kind", ["values": kinds])),
            .init(field: "audience", meaning: req.t("import.help.audience", ["values": audiences])),
            .init(field: "anonymous", meaning: req.t("import.help.anonymous")),
            .init(field: "title, introduction, text, label", meaning: req.t("import.help.texts")),
            .init(field: "type", meaning: req.t("import.help.type", ["values": types])),
            .init(field: "required, allowsDontKnow, allowsNotApplicable", meaning: req.t("import.help.flags")),
            .init(field: "theme", meaning: req.t("import.help.theme", ["values": themes])),
            .init(field: "options", meaning: req.t("import.help.options")),
            .init(field: "scaleLabels", meaning: req.t("import.help.scaleLabels")),
            .init(field: "condition", meaning: req.t("import.help.condition")),
        ]
    }

    /// A small document that imports as it stands.
    static let exampleDocument = """
        {
          "key": "voorbeeld-ouders",
          "kind": "exit",
          "audience": "parent",
          "anonymous": true,
          "title": {"nl": "Hoe was onze hulp?", "en": "How was our help?"},
          "pages": [
            {
              "key": "algemeen",
              "title": {"nl": "Alles bij elkaar"},
              "questions": [
                {"key": "cijfer", "type": "report_mark", "text": {"nl": "Welk rapportcijfer geeft u?"}, "required": true},
                {"key": "wat_beter", "type": "long_text", "text": {"nl": "Wat kunnen we beter doen?"},
                 "condition": {"question": "cijfer", "atMost": 6}}
              ]
            }
          ]
        }
        """
}
