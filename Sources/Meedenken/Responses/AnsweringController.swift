import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Answering a questionnaire, page by page, answers kept on the server until sent, working
/// without JavaScript. Two ways in: the open link (a QR code on a poster, a tablet in the waiting
/// room; no personal data asked; CSRF, a per-address limit and a honeypot against automation),
/// and a personal invitation link (its token finds the invitation; one response per invitation).
/// An open-link draft is short-lived, for shared devices (`OpenLinkDraft`).
struct AnsweringController {
    /// Drafts may be started this often per address per window.
    static let startsPerAddress = 30
    /// Field that people never see or fill; automated form fillers do.
    static let honeypotField = "hp_leeg"

    /// How the respondent came in; decides how the draft is found and where links point.
    enum Entry: Sendable {
        case openLink
        case invitation
    }

    func register(_ routes: any RoutesBuilder) {
        for entry in [Entry.openLink, .invitation] {
            let (start, page, thanks) = Self.routes(entry, "")
            routes.on(.GET, start, access: .anyone) { try await self.start(req: $0, entry) }
            routes.on(.POST, start, access: .anyone, staleForm: .reshow) { try await self.begin(req: $0, entry) }
            routes.on(.GET, page, access: .anyone) { try await self.showPage(req: $0, entry) }
            // Long answers, percent-encoded, need more room than the 64 kB default for forms.
            routes.on(.POST, page, access: .anyone, staleForm: .reshow, body: .collect(maxSize: "512kb")) {
                try await self.submitPage(req: $0, entry)
            }
            routes.on(.GET, thanks, access: .anyone) { try await self.thanks(req: $0, entry) }
            routes.on(.POST, Self.saveRoute(entry, ""), access: .anyone, body: .collect(maxSize: "512kb")) {
                try await self.saveDraft(req: $0, entry)
            }
        }
        routes.on(.POST, .answerClear(link: ""), access: .anyone) { try await self.clear(req: $0) }
    }

    static func routes(_ entry: Entry, _ key: String) -> (start: SiteRoute, page: SiteRoute, thanks: SiteRoute) {
        switch entry {
        case .openLink: (.answerStart(link: key), .answerPage(link: key), .answerThanks(link: key))
        case .invitation: (.invitationStart(token: key), .invitationPage(token: key), .invitationThanks(token: key))
        }
    }

    /// Where the page's script saves as you go (`DraftSaving`).
    static func saveRoute(_ entry: Entry, _ key: String) -> SiteRoute {
        switch entry {
        case .openLink: .answerSave(link: key)
        case .invitation: .invitationSave(token: key)
        }
    }

    struct Opened {
        let entry: Entry
        /// The open link's key or the invitation token, as in the address.
        let key: String
        let subject: AnsweringSubject
        let invitation: Invitation?
        /// The respondent's draft, if they started.
        let draft: DraftState?
        /// An open-link draft was found idle and deleted just now.
        var droppedIdleDraft = false
        var definition: QuestionnaireDefinition { subject.definition }
        var startPath: String { AnsweringController.routes(entry, key).start.path }
        var pagePath: String { AnsweringController.routes(entry, key).page.path }
        var thanksPath: String { AnsweringController.routes(entry, key).thanks.path }
    }

    func opened(_ req: Request, _ entry: Entry) async throws -> Opened {
        switch entry {
        case .openLink:
            let link = req.parameters.get("link") ?? ""
            let draftToken = req.sentCookies[cookieName(req)]?.string
            guard
                let found = try await Self.store(req).answeringSubject(
                    openLinkKey: link, draftTokenHash: draftToken.flatMap { $0.isEmpty ? nil : SecureToken.hash($0) })
            else { throw UserFacingError(.notFound, "answer.notFound") }
            // Someone else's answers on a shared device: past the idle time the draft is gone.
            if let draft = found.draft, OpenLinkDraft.isIdle(draft, now: req.now) {
                try await Self.store(req).deleteUnsent(draft)
                return Opened(entry: entry, key: link, subject: found.subject, invitation: nil, draft: nil, droppedIdleDraft: true)
            }
            return Opened(entry: entry, key: link, subject: found.subject, invitation: nil, draft: found.draft)
        case .invitation:
            let token = req.parameters.get("token") ?? ""
            guard let link = try await InvitationLink.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(token)).first(),
                let invitation = try await Invitation.find(link.$invitation.id, on: req.db),
                let found = try await Self.store(req).answeringSubject(
                    questionnaireID: invitation.$questionnaire.id, invitationID: try invitation.requireID(),
                    draftTokenHash: Self.isChild(invitation) ? SecureToken.hash(req.sentCookies[cookieName(req)]?.string ?? "") : nil)
            else { throw UserFacingError(.notFound, "answer.invitation.unknown") }
            if !invitation.completed, let expires = invitation.expiresAt, expires < req.now {
                throw UserFacingError(.gone, "answer.invitation.expired")
            }
            return Opened(entry: entry, key: token, subject: found.subject, invitation: invitation, draft: found.draft)
        }
    }

    /// The request's database as the store: answering reads and saves through it.
    static func store(_ req: Request) throws -> Store {
        try Store(req.db, for: "answering")
    }

    private func cookieName(_ req: Request) -> String {
        OpenLinkDraft.cookieName(req.application.config)
    }

    /// A child's link travels in an adult's mail, so the adult has it too. The child is told
    /// nobody sees what they choose: their unsent answers are found only in the browser where
    /// they were typed (a draft token in a session cookie, as on the open link).
    static func isChild(_ invitation: Invitation) -> Bool {
        invitation.respondentRole == QuestionnaireDefinition.Audience.child8to11.rawValue
    }

    func start(req: Request, _ entry: Entry) async throws -> Response {
        let opened = try await opened(req, entry)
        guard let invitation = opened.invitation else {
            let asked = req.query[String.self, at: OpenLinkDraft.Notice.queryKey].flatMap(OpenLinkDraft.Notice.init(rawValue:))
            let notice = opened.droppedIdleDraft ? OpenLinkDraft.Notice.idle : asked
            let response = try await startPage(req, opened, errors: FormErrors(), notice: notice)
            if opened.droppedIdleDraft { OpenLinkDraft.clearCookie(on: response, req.application.config) }
            return response
        }
        if invitation.completed { return req.redirect(to: opened.thanksPath) }
        if !invitation.opened {
            invitation.opened = true
            try await invitation.save(on: req.db)
        }
        // The first visit speaks the language the case system gave; the switch still works.
        let config = req.application.config
        guard req.sentCookies[config.cookieNames.language] == nil, let language = Language(rawValue: invitation.language) else {
            return try await startPage(req, opened, errors: FormErrors())
        }
        req.useLanguage(language)
        let response = try await startPage(req, opened, errors: FormErrors())
        response.cookies[config.cookieNames.language] = config.cookie(language.rawValue, maxAge: 365 * 24 * 3600)
        return response
    }

    func begin(req: Request, _ entry: Entry) async throws -> Response {
        let opened = try await opened(req, entry)
        let fields = try FormFields.parse(req)
        let errors = req.staleFormErrors()
        if errors.hasErrors { return try await startPage(req, opened, errors: errors) }
        guard opened.subject.isOpen else { return try await startPage(req, opened, errors: FormErrors()) }
        if !(fields[Self.honeypotField]?.first ?? "").isEmpty { return req.redirect(to: opened.thanksPath) }
        if let existing = opened.draft {
            return req.redirect(to: existing.isSent ? opened.thanksPath : opened.pagePath)
        }
        if let invitation = opened.invitation {
            if invitation.completed { return req.redirect(to: opened.thanksPath) }
            if Self.isChild(invitation) {
                // Another browser's unsent answers are dropped, never shown here: this one starts afresh.
                let invitationID = try invitation.requireID()
                try await ResponseDraft.query(on: req.db).filter(\.$invitationID == invitationID).filter(\.$isSent == false).delete()
                let token = SecureToken.generate()
                try await ResponseDraft(tokenHash: SecureToken.hash(token), versionID: opened.subject.versionID, now: req.now, invitationID: invitationID)
                    .create(on: req.db)
                let response = req.redirect(to: opened.pagePath)
                response.cookies[cookieName(req)] = OpenLinkDraft.cookie(token: token, req.application.config)
                return response
            }
            let draft = ResponseDraft(
                tokenHash: SecureToken.hash(SecureToken.generate()), versionID: opened.subject.versionID, now: req.now,
                invitationID: try invitation.requireID())
            do {
                try await draft.create(on: req.db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // A double click: the other request made the draft.
            }
            return req.redirect(to: opened.pagePath)
        }
        try await req.limitByAddress("answer_start", limit: Self.startsPerAddress)
        let token = SecureToken.generate()
        try await ResponseDraft(tokenHash: SecureToken.hash(token), versionID: opened.subject.versionID, now: req.now).create(on: req.db)
        let response = req.redirect(to: opened.pagePath)
        response.cookies[cookieName(req)] = OpenLinkDraft.cookie(token: token, req.application.config)
        return response
    }

    func showPage(req: Request, _ entry: Entry) async throws -> Response {
        let opened = try await opened(req, entry)
        // A sent invitation's draft no longer names it: "completed" is what the invitation knows.
        if opened.invitation?.completed == true { return req.redirect(to: opened.thanksPath) }
        guard opened.subject.isOpen, let draft = opened.draft else { return restart(req, opened) }
        if draft.isSent { return req.redirect(to: opened.thanksPath) }
        let flow = ResponseFlow(opened.definition)
        let answers = draft.answers
        let asked = req.query[String.self, at: SiteQuery.Name.page]
        let pages = flow.visiblePages(given: answers)
        let page = pages.first { $0.key == asked } ?? pages.first { $0.key == draft.currentPage } ?? pages.first
        guard let page else { return req.redirect(to: opened.thanksPath) }
        return try await questionPage(req, opened, page: page, answers: answers, posted: [:], problems: [:], errors: FormErrors())
    }

    func submitPage(req: Request, _ entry: Entry) async throws -> Response {
        let opened = try await opened(req, entry)
        let fields = try FormFields.parse(req)
        if opened.invitation?.completed == true { return req.redirect(to: opened.thanksPath) }
        guard opened.subject.isOpen, var draft = opened.draft else { return restart(req, opened) }
        // Sent already (a double click, a retry, the back button): the same thank-you, nothing stored twice.
        if draft.isSent { return req.redirect(to: opened.thanksPath) }
        if !(fields[Self.honeypotField]?.first ?? "").isEmpty { return req.redirect(to: opened.thanksPath) }
        let flow = ResponseFlow(opened.definition)
        let pageKey = fields["pagina"]?.first ?? ""
        guard let page = opened.definition.pages.first(where: { $0.key == pageKey }) else {
            throw UserFacingError(.badRequest, "error.formUnreadable")
        }
        let posted = Dictionary(uniqueKeysWithValues: page.questions.map { ($0.key, fields[QuestionViews.field(for: $0)] ?? []) })
        if req.isStaleForm {
            var errors = FormErrors()
            errors.addGeneral(req.t("form.stale"))
            return try await questionPage(req, opened, page: page, answers: draft.answers, posted: posted, problems: [:], errors: errors)
        }
        let goingBack = fields["richting"]?.first == "terug"
        let earlier = draft.answers.filter { key, _ in !page.questions.contains { $0.key == key } }
        let read = flow.read(page: page.key, posted: posted, given: earlier)
        // Going back keeps what was entered without insisting on it (a required question may stay
        // open). An answer that cannot be right is shown with its problem, never dropped unseen.
        let problems = goingBack ? read.problems.filter { $0.value != .required } : read.problems
        if goingBack, problems.isEmpty {
            draft.keep(read, of: page, flow: flow)
            let previous = previousPage(before: page.key, flow: flow, answers: draft.answers)
            draft.currentPage = previous?.key ?? page.key
            try await Self.store(req).saveProgress(of: draft, now: req.now)
            return req.redirect(to: opened.pagePath)
        }
        if !problems.isEmpty {
            var errors = FormErrors()
            for question in page.questions {
                if let problem = problems[question.key] { errors.add(QuestionViews.field(for: question), req.t(problem.rawValue)) }
            }
            return try await questionPage(
                req, opened, page: page, answers: draft.answers, posted: posted,
                problems: problems.mapValues { req.t($0.rawValue) }, errors: errors, status: .unprocessableEntity)
        }
        let answers = flow.keepingVisible(earlier.merging(read.answers) { $1 })
        // Without JavaScript a follow-up on this page appears only after posting: when an answer
        // reveals a question that was not on the page as shown, show the page again with it.
        let shown = Set((fields["getoond"]?.first ?? "").split(separator: ",").map(String.init))
        let visibleNow = page.questions.filter { $0.condition?.isSatisfied(by: answers) ?? true }.map(\.key)
        if !Set(visibleNow).isSubset(of: shown) {
            draft.answers = answers
            draft.currentPage = page.key
            try await Self.store(req).saveProgress(of: draft, now: req.now)
            return try await questionPage(req, opened, page: page, answers: answers, posted: [:], problems: [:], errors: FormErrors())
        }
        if let next = flow.page(after: page.key, given: answers) {
            draft.answers = answers
            draft.currentPage = next.key
            try await Self.store(req).saveProgress(of: draft, now: req.now)
            return req.redirect(to: opened.pagePath)
        }
        // The whole response, not just this page: a page posted out of order (the last one
        // first) stores nothing while a required question anywhere is unanswered.
        if let incomplete = flow.firstIncompletePage(answers) {
            draft.answers = answers
            draft.currentPage = incomplete.page.key
            try await Self.store(req).saveProgress(of: draft, now: req.now)
            var errors = FormErrors()
            for question in incomplete.missing { errors.add(QuestionViews.field(for: question), req.t(AnswerProblem.required.rawValue)) }
            return try await questionPage(
                req, opened, page: incomplete.page, answers: answers, posted: [:],
                problems: Dictionary(uniqueKeysWithValues: incomplete.missing.map { ($0.key, req.t(AnswerProblem.required.rawValue)) }), errors: errors,
                status: .unprocessableEntity)
        }
        let invitation = opened.invitation
        let channel: ResponseChannel = invitation == nil ? .openLink : .invitation
        let attributes = ResponseRecorder.Attributes(
            versionID: opened.subject.versionID, language: req.language.rawValue, channel: channel.rawValue,
            respondentRole: invitation?.respondentRole ?? opened.definition.audience.rawValue, teamID: invitation?.$team.id,
            ageBand: invitation?.ageBand, completesInvitation: try invitation?.requireID(),
            danger: try await .make(req, questionnaireID: opened.subject.questionnaireID, answers: answers))
        let stored = try await ResponseRecorder.record(draftID: draft.id, answers: answers, attributes: attributes, now: req.now, on: req)
        // The same check the recorder made; its outcome lives in this request only.
        let mayNeedHelp = stored && attributes.danger?.flags(answers) == true
        if mayNeedHelp { await DangerAlerts.raiseAfterStoring(req) }
        let response = mayNeedHelp ? try await thanksPage(req, opened, mayNeedHelp: true) : req.redirect(to: opened.thanksPath)
        // Sent: the next visit on this device starts empty.
        if entry == .openLink { OpenLinkDraft.clearCookie(on: response, req.application.config) }
        return response
    }

    /// "Stop and clear" on an open-link page: the draft and its cookie go, and the start page says
    /// so, ready for the next person.
    func clear(req: Request) async throws -> Response {
        let opened = try await opened(req, .openLink)
        if let draft = opened.draft { try await Self.store(req).deleteUnsent(draft) }
        let response = req.redirect(to: OpenLinkDraft.Notice.cleared.path(.answerStart(link: opened.key)))
        OpenLinkDraft.clearCookie(on: response, req.application.config)
        return response
    }

    /// Back to the start page when there is no draft (any more); an idle draft just deleted is
    /// said so, calmly, and its cookie goes.
    private func restart(_ req: Request, _ opened: Opened) -> Response {
        guard opened.droppedIdleDraft else { return req.redirect(to: opened.startPath) }
        let response = req.redirect(to: OpenLinkDraft.Notice.idle.path(AnsweringController.routes(opened.entry, opened.key).start))
        OpenLinkDraft.clearCookie(on: response, req.application.config)
        return response
    }

    func thanks(req: Request, _ entry: Entry) async throws -> Response {
        try await thanksPage(req, try await opened(req, entry), mayNeedHelp: false)
    }

    /// The thank-you page. Right after an answer that may signal danger it is the response to
    /// the post itself, with the help first and larger: nothing is stored or put in an address
    /// or cookie that says so, and reloading shows the ordinary page.
    private func thanksPage(_ req: Request, _ opened: Opened, mayNeedHelp: Bool) async throws -> Response {
        let context = AnswerThanksPage(
            layout: try await req.layout(titleKey: "answer.thanks.title", staffArea: false),
            title: opened.definition.title.text(req.language.rawValue),
            help: try await HelpNow.make(req, audience: opened.definition.audience, isProminent: mayNeedHelp))
        return try await req.render("Responses/thanks", context)
    }

    private func previousPage(before key: String, flow: ResponseFlow, answers: [String: Answer]) -> QuestionPage? {
        let pages = flow.visiblePages(given: answers)
        guard let index = pages.firstIndex(where: { $0.key == key }), index > 0 else { return nil }
        return pages[index - 1]
    }

    private func startPage(_ req: Request, _ opened: Opened, errors: FormErrors, notice: OpenLinkDraft.Notice? = nil) async throws -> Response {
        let organisation = try await req.organisation()
        let language = req.language.rawValue
        let context = AnswerStartPage(
            layout: try await req.layout(titleKey: "answer.start.title", titleArguments: ["title": opened.definition.title.text(language)], staffArea: false),
            title: opened.definition.title.text(language), introduction: opened.definition.introduction?.text(language),
            privacy: .make(
                req, audience: opened.definition.audience, anonymous: opened.subject.anonymous, minimumGroupSize: organisation.minimumGroupSize,
                isInvitation: opened.invitation != nil, idleMinutes: Int(OpenLinkDraft.idleTime / 60)),
            isOpen: opened.subject.isOpen, formAction: opened.startPath, help: try await HelpNow.make(req, audience: opened.definition.audience),
            notice: notice.map { req.t($0.messageKey) }, isResuming: opened.draft.map { !$0.isSent } ?? false)
        return try await req.render("Responses/start", context)
    }

    private func questionPage(
        _ req: Request, _ opened: Opened, page: QuestionPage, answers: [String: Answer], posted: [String: [String]],
        problems: [String: String], errors: FormErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let language = req.language.rawValue
        let flow = ResponseFlow(opened.definition)
        let pages = flow.visiblePages(given: answers)
        let index = (pages.firstIndex { $0.key == page.key } ?? 0) + 1
        let known = answers.merging(flow.read(page: page.key, posted: posted, given: answers).answers) { $1 }
        let shown = page.questions.filter { $0.condition?.isSatisfied(by: known) ?? true }
        // Every question of the page is drawn; those whose condition does not hold yet are hidden,
        // for the browser's condition script to reveal (without JavaScript they stay hidden and
        // appear after posting).
        // The page as defined, follow-ups included (the flow's pages hold only what is visible).
        let allQuestions = opened.definition.pages.first { $0.key == page.key }?.questions ?? page.questions
        let views = allQuestions.map { question in
            QuestionViews.make(
                question, language: language, saved: answers[question.key], posted: posted.isEmpty ? nil : posted[question.key],
                problem: problems[question.key], dontKnowLabel: req.t("answer.dontKnow"), notApplicableLabel: req.t("answer.notApplicable"),
                isHidden: !shown.contains { $0.key == question.key })
        }
        let earlier = answers.filter { key, _ in !page.questions.contains { $0.key == key } }
        let isLast = flow.page(after: page.key, given: known) == nil
        var layout = try await req.layout(titleKey: "answer.page.title", titleArguments: ["title": opened.definition.title.text(language)], staffArea: false)
        layout.scripts = ["/js/voorlezen.js", "/js/voorwaarden.js", "/js/bewaren.js"]
        layout.readAloudLabel = req.t("answer.readAloud")
        let context = AnswerPage(
            layout: layout,
            title: opened.definition.title.text(language), pageTitle: page.title?.text(language),
            progressText: req.t("answer.progress", ["current": "\(index)", "total": "\(pages.count)"]),
            progressValue: index, progressMax: max(pages.count, 1), formAction: opened.pagePath,
            saveAction: Self.saveRoute(opened.entry, opened.key).path,
            pageKey: page.key, shownKeys: shown.map(\.key).joined(separator: ","), earlierAnswersJSON: QuestionViews.earlierJSON(earlier),
            specialValuesJSON: #"["\#(Question.dontKnowValue)","\#(Question.notApplicableValue)"]"#, hasPrevious: index > 1, isLast: isLast, questions: views,
            errors: errors, clearAction: opened.entry == .openLink ? SiteRoute.answerClear(link: opened.key).path : nil)
        return try await req.render("Responses/page", context, status: status)
    }
}
