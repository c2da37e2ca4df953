import MeedenkenCore
import MeedenkenStore
import Vapor

/// Pages for clients and anyone else: the start page, privacy, accessibility, the language switch.
struct PublicController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .home, access: .anyone, use: home)
        routes.on(.GET, .privacy, access: .anyone, use: privacy)
        routes.on(.GET, .accessibility, access: .anyone, use: accessibility)
        routes.on(.POST, .languageSwitch, access: .anyone, use: switchLanguage)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let layout = try await req.layout(titleKey: "home.title", staffArea: false)
        return try await req.render(
            "Public/home",
            PublicHomePage(
                layout: layout, organisationName: layout.organisationName, publishedHref: SiteRoute.publishedResults.path,
                signUpHref: SiteRoute.panelSignUp.path))
    }

    @Sendable func privacy(req: Request) async throws -> Response {
        let statement = try await req.organisation().privacyStatement
        let paragraphs = statement.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return try await req.render(
            "Public/privacy",
            PrivacyPage(layout: try await req.layout(titleKey: "privacy.title", staffArea: false), paragraphs: paragraphs, hasStatement: !paragraphs.isEmpty))
    }

    @Sendable func accessibility(req: Request) async throws -> Response {
        try await req.render("Public/accessibility", AccessibilityPage(layout: try await req.layout(titleKey: "accessibility.title", staffArea: false)))
    }

    /// Works without JavaScript: a small form in the header. Staff keep their choice on their
    /// account; visitors get a cookie for a year.
    @Sendable func switchLanguage(req: Request) async throws -> Response {
        let form = try req.form(LanguageForm.self)
        guard let language = Language(rawValue: form.language.trimmed) else {
            throw UserFacingError(.badRequest, "language.error.unknown")
        }
        let response = req.redirect(to: LocalRedirect.safePath(form.terug) ?? SiteRoute.home.path)
        if let staff = req.sessionRecord, let user = try await StaffUser.find(staff.userID, on: req.db) {
            user.language = language
            try await user.save(on: req.db)
        }
        let config = req.application.config
        response.cookies[config.cookieNames.language] = config.cookie(language.rawValue, maxAge: 365 * 24 * 3600)
        return response
    }
}
