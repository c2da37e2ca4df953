import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Coordinators review open answers before anyone else sees them: mask names and details, code
/// themes (suggested from the codebook) and tone. Answers flagged for danger words come first.
/// The page shows the text and its question only: never team, date or anything about the writer.
struct OpenAnswersController {
    static let pageSize = 20

    func register(_ routes: any RoutesBuilder) {
        let access = Access.staff(.coordinateParticipation)
        routes.on(.GET, .openAnswers(id: .routePattern), access: access, use: show)
        routes.on(.POST, .openAnswers(id: .routePattern), access: access, staleForm: .reshow, use: save)
        routes.on(.GET, .codebook, access: access, use: showCodebook)
        routes.on(.POST, .codebook, access: access, staleForm: .reshow, use: saveCodebook)
    }

    typealias Pending = PendingOpenAnswer

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, subject: try await ResultsSubject.load(req), problem: nil)
    }

    private func page(
        _ req: Request, subject: ResultsSubject, problem: (answerID: UUID, message: String, posted: OpenAnswersPage.Posted)?, notice: String? = nil,
        status: HTTPResponseStatus = .ok
    )
        async throws -> Response
    {
        let codebook = try await CodebookStore.current(req.application, on: req.db)
        let pending = try await pendingAnswers(req, subject: subject)
        let language = req.language.rawValue
        let questionTexts = Dictionary(subject.questions.map { ($0.key, $0.text.text(language)) }, uniquingKeysWith: { a, _ in a })
        let themes = Theme.defaults
        let items = pending.map { answer -> OpenAnswersPage.Item in
            let posted = problem?.answerID == answer.answerID ? problem?.posted : nil
            let chosen = Set(posted?.themes ?? codebook.suggestedThemes(for: answer.text))
            let tone = posted?.tone ?? ""
            return .init(
                answerID: answer.answerID.uuidString, question: questionTexts[answer.questionKey] ?? answer.questionKey, text: answer.text,
                masked: posted?.masked ?? TextMasking.proposal(for: answer.text), isDanger: answer.danger, dangerWords: answer.dangerWords ?? "",
                flagHref: answer.flagID.map { SiteRoute.dangerFlag(id: $0).path },
                themes: themes.map { SelectOption(value: $0.key, label: $0.name.text(language), isSelected: chosen.contains($0.key)) },
                tones: OpenAnswerTone.allCases.map {
                    SelectOption(value: $0.rawValue, label: req.t("openAnswers.tone.\($0.rawValue)"), isSelected: $0.rawValue == tone)
                },
                error: problem?.answerID == answer.answerID ? problem?.message : nil)
        }
        let reviewed = try await OpenAnswerReview.query(on: req.db).filter(\.$questionnaireID == subject.id).filter(\.$reviewedAt != nil).count()
        // The text as written may name people: who read it is recorded (DESIGN §4.5).
        if !items.isEmpty { try await req.audit(.openAnswersViewed, object: ("questionnaire", subject.id.uuidString), detail: "\(items.count) answers") }
        let context = OpenAnswersPage(
            layout: try await req.layout(titleKey: "openAnswers.title", titleArguments: ["title": subject.definition.title.text(language)]),
            title: subject.definition.title.text(language), backHref: SiteRoute.questionnaireResults(id: subject.id).path,
            formAction: SiteRoute.openAnswers(id: subject.id).path, items: items, hasItems: !items.isEmpty, reviewedCount: reviewed,
            codebookHref: SiteRoute.codebook.path, saved: req.querySaved != nil, notice: notice)
        return try await req.render("Results/openAnswers", context, status: status)
    }

    /// Unreviewed open answers of the questionnaire, flagged ones first.
    private func pendingAnswers(_ req: Request, subject: ResultsSubject) async throws -> [Pending] {
        try await req.store.pendingOpenAnswers(versionIDs: subject.versionIDs, limit: Self.pageSize)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        let form = try FormFields.parse(req)
        func field(_ name: String) -> String { form[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        let posted = OpenAnswersPage.Posted(masked: field("gemaskeerd"), themes: form["themas"] ?? [], tone: field("toon"))
        if req.isStaleForm {
            return try await page(req, subject: subject, problem: nil, notice: req.t("form.stale"), status: .forbidden)
        }
        guard let answerID = UUID(uuidString: field("antwoord")),
            let answer = try await ResponseAnswer.query(on: req.db).filter(\.$id == answerID).with(\.$response).first(),
            subject.versionIDs.contains(answer.response.$version.id), answer.value.hasPrefix("text:")
        else { throw UserFacingError(.badRequest, "openAnswers.error.unknownAnswer") }
        let known = Set(Theme.defaults.map(\.key))
        var message: String?
        if posted.masked.isEmpty {
            message = req.t("openAnswers.error.maskedEmpty")
        } else if posted.masked.count > 5_000 {
            message = req.t("openAnswers.error.maskedTooLong")
        } else if OpenAnswerTone(rawValue: posted.tone) == nil {
            message = req.t("openAnswers.error.tone")
        } else if !Set(posted.themes).isSubset(of: known) {
            message = req.t("openAnswers.error.theme")
        }
        if let message {
            return try await page(req, subject: subject, problem: (answerID, message, posted), status: .unprocessableEntity)
        }
        let review =
            try await OpenAnswerReview.query(on: req.db).filter(\.$answerID == answerID).first()
            ?? OpenAnswerReview(answerID: answerID, questionnaireID: subject.id)
        review.maskedText = posted.masked
        review.themes = Theme.defaults.map(\.key).filter { posted.themes.contains($0) }.joined(separator: ",")
        review.tone = OpenAnswerTone(rawValue: posted.tone)
        review.reviewedAt = req.now
        try await review.save(on: req.db)
        return req.redirect(to: SiteRoute.openAnswers(id: subject.id).path(.saved()))
    }

    // MARK: Codebook

    @Sendable func showCodebook(req: Request) async throws -> Response {
        try await codebookPage(
            req, codebook: try await CodebookStore.current(req.application, on: req.db), saved: req.querySaved != nil)
    }

    private func codebookPage(_ req: Request, codebook: Codebook, saved: Bool, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response
    {
        let language = req.language.rawValue
        let context = CodebookPage(
            layout: try await req.layout(titleKey: "codebook.title"), formAction: SiteRoute.codebook.path,
            themes: Theme.defaults.map { .init(key: $0.key, name: $0.name.text(language), stems: (codebook.stems[$0.key] ?? []).joined(separator: ", ")) },
            dangerWords: codebook.dangerWords.joined(separator: "\n"), saved: saved, error: error)
        return try await req.render("Results/codebook", context, status: status)
    }

    @Sendable func saveCodebook(req: Request) async throws -> Response {
        let fields = try FormFields.parse(req)
        let form = fields.mapValues { $0.first ?? "" }
        var stems: [String: [String]] = [:]
        for theme in Theme.defaults { stems[theme.key] = Codebook.parseList(form["stammen-\(theme.key)"] ?? "") }
        let codebook = Codebook(stems: stems, dangerWords: Codebook.parseList(form["gevaar"] ?? ""))
        if req.isStaleForm { return try await codebookPage(req, codebook: codebook, saved: false, error: req.t("form.stale"), status: .forbidden) }
        // An empty danger list would silently switch the safety net off.
        guard !codebook.dangerWords.isEmpty else {
            return try await codebookPage(req, codebook: codebook, saved: false, error: req.t("codebook.error.noDangerWords"), status: .unprocessableEntity)
        }
        // An entry that cannot be read would silently find nothing.
        let unreadable = DangerPatterns(codebook.dangerWords).unreadable
        guard unreadable.isEmpty else {
            return try await codebookPage(
                req, codebook: codebook, saved: false, error: req.t("codebook.error.unreadable", ["entries": unreadable.joined(separator: ", ")]),
                status: .unprocessableEntity)
        }
        try await CodebookStore.save(codebook, now: req.now, on: req.db)
        try await req.audit(.codebookChanged, detail: "\(codebook.stems.values.map(\.count).reduce(0, +)) stems, \(codebook.dangerWords.count) danger words")
        return req.redirect(to: SiteRoute.codebook.path(.saved()))
    }
}
