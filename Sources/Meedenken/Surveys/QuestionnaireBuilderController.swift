import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Building a questionnaire in the browser, without JavaScript: a new questionnaire, its details,
/// adding, moving, changing and removing questions and pages. Every change is checked as a whole
/// document (`DefinitionValidator`) before it is stored; a refused change says why and keeps what
/// was typed. Once a version has responses, a change becomes a new version (`QuestionnaireStore`).
struct QuestionnaireBuilderController {
    func register(_ routes: any RoutesBuilder) {
        let access = Access.staff(.coordinateParticipation)
        routes.on(.GET, .newQuestionnaire, access: access, use: showNew)
        routes.on(.POST, .newQuestionnaire, access: access, staleForm: .reshow, use: create)
        routes.on(.GET, .questionnaireEditor(id: .routePattern), access: access, use: showEditor)
        routes.on(.POST, .questionnaireEditor(id: .routePattern), access: access, staleForm: .reshow, use: edit)
        routes.on(.GET, .questionEditor(id: .routePattern, question: ""), access: access, use: showQuestion)
        routes.on(.POST, .questionEditor(id: .routePattern, question: ""), access: access, staleForm: .reshow, use: saveQuestion)
        routes.on(.POST, .questionToBank(id: .routePattern, question: ""), access: access, staleForm: .reshow, use: saveToBank)
    }

    // MARK: New questionnaire

    @Sendable func showNew(req: Request) async throws -> Response {
        try await newPage(req, form: NewForm(), errors: FormErrors())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(NewForm.self)
        var errors = req.staleFormErrors()
        let key = form.key.trimmed.lowercased()
        let kind = QuestionnaireDefinition.Kind(rawValue: form.kind.trimmed)
        let audience = QuestionnaireDefinition.Audience(rawValue: form.audience.trimmed)
        if !errors.hasErrors {
            if !DefinitionValidator.isValidKey(key) {
                errors.add("key", req.t("builder.error.key"))
            } else if try await Questionnaire.query(on: req.db).filter(\.$key == key).count() > 0 {
                errors.add("key", req.t("builder.error.keyTaken"))
            }
            if kind == nil { errors.add("kind", req.t("builder.error.choose")) }
            if audience == nil { errors.add("audience", req.t("builder.error.choose")) }
            if form.titleNL.trimmed.isEmpty { errors.add("titleNL", req.t("builder.error.dutch")) }
        }
        guard !errors.hasErrors, let kind, let audience else {
            return try await newPage(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let definition = QuestionnaireEditing.start(
            key: key, kind: kind, audience: audience, title: LocalizedText(nl: form.titleNL.trimmed, en: form.titleEN.trimmed.nilIfEmpty))
        let stored = try await QuestionnaireStore(database: req.db).save(definition, now: req.now)
        return req.redirect(to: SiteRoute.questionnaireEditor(id: try stored.questionnaire.requireID()).path)
    }

    private func newPage(_ req: Request, form: NewForm, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = NewQuestionnairePage(
            layout: try await req.layout(titleKey: "builder.new.title"), formAction: SiteRoute.newQuestionnaire.path,
            backHref: SiteRoute.questionnaires.path, key: form.key.trimmed, titleNL: form.titleNL.trimmed, titleEN: form.titleEN.trimmed,
            kinds: QuestionnaireDefinition.Kind.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("questionnaire.kind.\($0.rawValue)"), isSelected: form.kind == $0.rawValue)
            },
            audiences: QuestionnaireDefinition.Audience.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("questionnaire.audience.\($0.rawValue)"), isSelected: form.audience == $0.rawValue)
            }, errors: errors)
        return try await req.render("Surveys/newQuestionnaire", context, status: status)
    }

    // MARK: The editor

    @Sendable func showEditor(req: Request) async throws -> Response {
        let loaded = try await load(req)
        return try await editorPage(req, loaded, definition: loaded.definition, errors: FormErrors())
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let loaded = try await load(req)
        let form = try req.form(EditForm.self)
        if req.isStaleForm { return try await editorPage(req, loaded, definition: loaded.definition, errors: req.staleFormErrors()) }
        var definition = loaded.definition
        let action = form.actie.trimmed
        let (verb, argument) = action.split(separator: ":", maxSplits: 1).map(String.init).pair
        var errors = FormErrors()
        switch verb {
        case "gegevens":
            if form.titleNL.trimmed.isEmpty { errors.add("titleNL", req.t("builder.error.dutch")) }
            definition.title = LocalizedText(nl: form.titleNL.trimmed, en: form.titleEN.trimmed.nilIfEmpty)
            definition.introduction = form.introNL.trimmed.isEmpty ? nil : LocalizedText(nl: form.introNL.trimmed, en: form.introEN.trimmed.nilIfEmpty)
            definition.anonymous = form.anonymous != nil
        case "omhoog": QuestionnaireEditing.move(argument, .up, in: &definition)
        case "omlaag": QuestionnaireEditing.move(argument, .down, in: &definition)
        case "verwijder": QuestionnaireEditing.remove(argument, from: &definition)
        case "nieuwe-pagina": QuestionnaireEditing.addPage(in: &definition)
        case "nieuwe-vraag":
            let type = QuestionType(rawValue: form.newType?[argument] ?? "") ?? .yesNo
            let text = (form.newText?[argument]).trimmed
            if text.isEmpty {
                errors.add("newText-\(argument)", req.t("builder.error.questionText"))
            } else {
                QuestionnaireEditing.addQuestion(type, text: LocalizedText(nl: text), toPage: argument, in: &definition)
            }
        case "uit-bank":
            let chosen = form.bankItem?[argument] ?? ""
            let bank = try await QuestionBank.items(req.application, on: req.db, now: req.now)
            if let item = bank.first(where: { $0.question.key == chosen }) {
                if QuestionnaireEditing.add(item, toPage: argument, in: &definition) == nil {
                    errors.add("bankItem-\(argument)", req.t("builder.error.bankKeyTaken", ["key": chosen]))
                }
            } else {
                errors.add("bankItem-\(argument)", req.t("builder.error.choose"))
            }
        default:
            throw UserFacingError(.badRequest, "error.formUnreadable")
        }
        if errors.hasErrors { return try await editorPage(req, loaded, definition: definition, errors: errors, status: .unprocessableEntity) }
        if let problems = try await store(definition, req) {
            return try await editorPage(req, loaded, definition: definition, errors: problems, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteRoute.questionnaireEditor(id: loaded.id).path)
    }

    // MARK: One question

    @Sendable func showQuestion(req: Request) async throws -> Response {
        let loaded = try await load(req)
        let question = try requireQuestion(req, loaded.definition)
        return try await questionPage(req, loaded, question: question, form: Self.form(for: question), errors: FormErrors())
    }

    @Sendable func saveQuestion(req: Request) async throws -> Response {
        let loaded = try await load(req)
        let original = try requireQuestion(req, loaded.definition)
        let form = try req.form(QuestionForm.self)
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await questionPage(req, loaded, question: original, form: form, errors: errors) }
        var question = original
        question.text = LocalizedText(nl: form.textNL.trimmed, en: form.textEN.trimmed.nilIfEmpty)
        question.help = form.helpNL.trimmed.isEmpty ? nil : LocalizedText(nl: form.helpNL.trimmed, en: form.helpEN.trimmed.nilIfEmpty)
        question.type = QuestionType(rawValue: form.type.trimmed) ?? original.type
        question.required = form.required != nil
        question.allowsDontKnow = form.dontKnow != nil
        question.allowsNotApplicable = form.notApplicable != nil
        question.theme = form.theme.trimmed.nilIfEmpty
        question.options =
            question.type.hasAuthoredOptions ? QuestionnaireEditing.options(fromLines: form.options ?? "", keeping: original.options ?? []) : nil
        // For a smiley question the same field holds the words for its faces.
        let scale = QuestionnaireEditing.scaleLabels(fromLines: form.options ?? "", for: question.type)
        question.scaleLabels = scale.labels
        if scale.extra > 0 {
            errors.add("options", req.t("builder.error.scaleLabels", ["faces": "\(StandardScales.options(for: question.type).count)"]))
        }
        if form.textNL.trimmed.isEmpty { errors.add("textNL", req.t("builder.error.questionText")) }
        let conditionText = form.condition.trimmed
        if conditionText.isEmpty {
            question.condition = nil
        } else if let condition = try? JSONDecoder().decode(Condition.self, from: Data(conditionText.utf8)) {
            question.condition = condition
        } else {
            errors.add("condition", req.t("builder.error.condition"))
        }
        if errors.hasErrors { return try await questionPage(req, loaded, question: original, form: form, errors: errors, status: .unprocessableEntity) }
        var definition = loaded.definition
        QuestionnaireEditing.replace(question, in: &definition)
        if let problems = try await store(definition, req) {
            return try await questionPage(req, loaded, question: original, form: form, errors: problems, status: .unprocessableEntity)
        }
        return req.redirect(to: SiteRoute.questionnaireEditor(id: loaded.id).path)
    }

    /// Keeps the stored question (not unsaved edits) in the bank, with where it comes from.
    @Sendable func saveToBank(req: Request) async throws -> Response {
        let loaded = try await load(req)
        let question = try requireQuestion(req, loaded.definition)
        let form = try req.form(BankForm.self)
        var errors = req.staleFormErrors()
        if !errors.hasErrors {
            if form.source.trimmed.isEmpty { errors.add("source", req.t("builder.error.source")) }
            if form.licence.trimmed.isEmpty { errors.add("licence", req.t("builder.error.licence")) }
        }
        if !errors.hasErrors {
            var stored = question
            stored.condition = nil
            let item = QuestionBankItem(
                question: stored, audiences: [loaded.definition.audience], source: form.source.trimmed, licence: form.licence.trimmed)
            if try await QuestionBank.add(item, on: req.db, now: req.now) {
                return req.redirect(to: SiteRoute.questionBank.path)
            }
            errors.addGeneral(req.t("builder.error.bankKeyTaken", ["key": question.key]))
        }
        return try await questionPage(
            req, loaded, question: question, form: Self.form(for: question), errors: errors, bank: form, status: .unprocessableEntity)
    }

    static func form(for question: Question) -> QuestionForm {
        QuestionForm(
            textNL: question.text.values["nl"], textEN: question.text.values["en"], helpNL: question.help?.values["nl"],
            helpEN: question.help?.values["en"], type: question.type.rawValue, required: question.required ? "on" : nil,
            dontKnow: question.allowsDontKnow ? "on" : nil, notApplicable: question.allowsNotApplicable ? "on" : nil, theme: question.theme,
            // A smiley question shows the words of its faces (its own or the standard ones) to change.
            options: QuestionnaireEditing.lines(of: question.type.allowsScaleLabels ? question.answerOptions : question.options ?? []),
            condition: question.condition.flatMap(QuestionViews.conditionJSON))
    }

    // MARK: Shared

    struct Loaded {
        let id: UUID
        let questionnaire: Questionnaire
        let definition: QuestionnaireDefinition
        let versionNumber: Int
        /// The latest version has responses: a change becomes a new version.
        let isFrozen: Bool
    }

    private func load(_ req: Request) async throws -> Loaded {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db),
            let version = try await QuestionnaireStore.latestVersion(of: id, on: req.db)
        else { throw UserFacingError(.notFound, "error.message.404") }
        let responses = try await SurveyResponse.query(on: req.db).filter(\.$version.$id == version.requireID()).count()
        return Loaded(
            id: id, questionnaire: questionnaire, definition: try version.definition(), versionNumber: version.number, isFrozen: responses > 0)
    }

    private func requireQuestion(_ req: Request, _ definition: QuestionnaireDefinition) throws -> Question {
        guard let key = req.parameters.get("questionKey"), let question = definition.question(key) else {
            throw UserFacingError(.notFound, "error.message.404")
        }
        return question
    }

    /// Checks the whole document and stores it; returns the problems instead when there are any.
    private func store(_ definition: QuestionnaireDefinition, _ req: Request) async throws -> FormErrors? {
        let validator = DefinitionValidator(themes: Set(Theme.defaults.map(\.key)))
        switch validator.validate(json: try JSONEncoder().encode(definition)) {
        case .failure(let problems):
            var errors = FormErrors()
            for problem in problems.problems {
                errors.addGeneral(
                    req.t("definition.error.\(problem.code.rawValue)") + " (" + Self.place(problem.pointer, in: definition, req) + ")"
                        + (problem.detail.map { ": \($0)" } ?? ""))
            }
            return errors
        case .success(let valid):
            _ = try await QuestionnaireStore(database: req.db).save(valid, now: req.now)
            return nil
        }
    }

    /// "vraag 3 (wat_beter)" for `/pages/0/questions/2/condition`: a place people recognise.
    static func place(_ pointer: String, in definition: QuestionnaireDefinition, _ req: Request) -> String {
        let parts = pointer.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[0] == "pages", parts[2] == "questions", let page = Int(parts[1]), let index = Int(parts[3]),
            page < definition.pages.count, index < definition.pages[page].questions.count
        else { return pointer }
        let number = definition.pages[..<page].reduce(0) { $0 + $1.questions.count } + index + 1
        return req.t("builder.questionNumber", ["number": "\(number)", "key": definition.pages[page].questions[index].key])
    }

    private func editorPage(
        _ req: Request, _ loaded: Loaded, definition: QuestionnaireDefinition, errors: FormErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let language = req.language.rawValue
        let themeNames = Dictionary(uniqueKeysWithValues: Theme.defaults.map { ($0.key, $0.name.text(language)) })
        let wording = ConditionWording(definition: definition, language: req.language, localizer: req.application.localizer)
        var number = 0
        let questionCount = definition.questions.count
        let pages = definition.pages.enumerated().map { pageIndex, page in
            EditorPage.PageRow(
                key: page.key, number: pageIndex + 1,
                questions: page.questions.map { question in
                    number += 1
                    return EditorPage.QuestionRow(
                        key: question.key, number: number, text: question.text.text(language),
                        type: req.t("question.type.\(question.type.rawValue)"), isRequired: question.required,
                        condition: question.condition.map(wording.words),
                        editHref: SiteRoute.questionEditor(id: loaded.id, question: question.key).path,
                        canMoveUp: number > 1, canMoveDown: number < questionCount)
                })
        }
        let context = EditorPage(
            layout: try await req.layout(titleKey: "builder.title", titleArguments: ["title": definition.title.text(language)]),
            title: definition.title.text(language), kind: req.t("questionnaire.kind.\(definition.kind.rawValue)"),
            audience: req.t("questionnaire.audience.\(definition.audience.rawValue)"), isFrozen: loaded.isFrozen,
            frozenNote: req.t("builder.frozen", ["next": "\(loaded.versionNumber + 1)"]),
            formAction: SiteRoute.questionnaireEditor(id: loaded.id).path, backHref: SiteRoute.questionnaire(id: loaded.id).path,
            previewDutchHref: SiteRoute.questionnairePreview(id: loaded.id).path(.language(.dutch)),
            previewEnglishHref: SiteRoute.questionnairePreview(id: loaded.id).path(.language(.english)),
            titleNL: definition.title.values["nl"] ?? "", titleEN: definition.title.values["en"] ?? "",
            introNL: definition.introduction?.values["nl"] ?? "", introEN: definition.introduction?.values["en"] ?? "",
            anonymous: definition.anonymous, pages: pages,
            types: QuestionType.allCases.map { SelectOption(value: $0.rawValue, label: req.t("question.type.\($0.rawValue)"), isSelected: $0 == .yesNo) },
            bankItems: try await QuestionBank.items(req.application, on: req.db, now: req.now).map { item in
                SelectOption(
                    value: item.question.key,
                    label: item.question.text.text(language) + " (" + (item.question.theme.flatMap { themeNames[$0] } ?? "–") + ")",
                    isSelected: false)
            }, bankHref: SiteRoute.questionBank.path, errors: errors)
        return try await req.render("Surveys/builder", context, status: status)
    }

    private func questionPage(
        _ req: Request, _ loaded: Loaded, question: Question, form: QuestionForm, errors: FormErrors, bank: BankForm? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let organisation = try await req.organisation().name
        let context = QuestionEditorPage(
            layout: try await req.layout(titleKey: "builder.question.title", titleArguments: ["key": question.key]), key: question.key,
            formAction: SiteRoute.questionEditor(id: loaded.id, question: question.key).path,
            backHref: SiteRoute.questionnaireEditor(id: loaded.id).path, textNL: form.textNL.trimmed, textEN: form.textEN.trimmed,
            helpNL: form.helpNL.trimmed, helpEN: form.helpEN.trimmed,
            types: QuestionType.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("question.type.\($0.rawValue)"), isSelected: $0.rawValue == form.type)
            },
            isRequired: form.required != nil, allowsDontKnow: form.dontKnow != nil, allowsNotApplicable: form.notApplicable != nil,
            themes: [SelectOption(value: "", label: req.t("builder.question.noTheme"), isSelected: form.theme.trimmed.isEmpty)]
                + Theme.defaults.map { SelectOption(value: $0.key, label: $0.name.text(req.language.rawValue), isSelected: $0.key == form.theme) },
            options: form.options ?? "", condition: form.condition.trimmed,
            conditionMeaning: question.condition.map { condition in
                req.t(
                    "builder.condition.meaning",
                    [
                        "condition": ConditionWording(definition: loaded.definition, language: req.language, localizer: req.application.localizer).words(
                            condition)
                    ])
            } ?? "",
            earlierQuestions: loaded.definition.questions.prefix { $0.key != question.key }.map(\.key).joined(separator: ", "),
            bankAction: SiteRoute.questionToBank(id: loaded.id, question: question.key).path,
            source: bank?.source ?? req.t("builder.bank.ownSource", ["organisation": organisation]),
            licence: bank?.licence ?? req.t("builder.bank.ownLicence"), errors: errors)
        return try await req.render("Surveys/questionEditor", context, status: status)
    }
}

extension Array where Element == String {
    /// The first element and the rest joined, for `verb:argument` form values.
    fileprivate var pair: (String, String) { (first ?? "", dropFirst().joined(separator: ":")) }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
