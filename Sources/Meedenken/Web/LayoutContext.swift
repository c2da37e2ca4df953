import MeedenkenCore
import MeedenkenStore
import Vapor

/// What the base layout needs on every page. Built by `req.layout(title:)`; pages embed it.
struct LayoutContext: Encodable {
    struct Link: Encodable {
        let href: String
        let label: String
        let isCurrent: Bool
    }

    struct LanguageOption: Encodable {
        let code: String
        let name: String
    }

    let language: String
    let title: String
    let organisationName: String
    let logoHref: String?
    let csrfToken: String
    let homeHref: String
    let stylesheetHref: String
    let brandStylesheetHref: String
    let languageSwitchHref: String
    let returnTo: String
    let otherLanguages: [LanguageOption]
    let staffName: String?
    let staffNavigation: [Link]
    let accountHref: String
    let logoutHref: String
    let loginHref: String
    let privacyHref: String
    let accessibilityHref: String
    let contactHref: String?
    let complaintsHref: String?
    let confidentialAdviserHref: String?
    let isStaffArea: Bool
    /// Scripts this page adds (progressive enhancement only; every page works without them).
    var scripts: [String] = []
    /// The read-aloud button's text, for `voorlezen.js`.
    var readAloudLabel: String? = nil
}

extension Request {
    /// The layout context for a page titled by the catalog key `titleKey`.
    func layout(titleKey: String, titleArguments: [String: String] = [:], staffArea: Bool? = nil) async throws -> LayoutContext {
        let organisation = try await organisation()
        let title = t(titleKey, titleArguments)
        let current = url.path
        let navigation =
            staff.map { staff in
                StaffNavigation.items(for: staff.role).map {
                    LayoutContext.Link(href: $0.route.path, label: t($0.labelKey), isCurrent: current.hasPrefix($0.route.path))
                }
            } ?? []
        return LayoutContext(
            language: language.rawValue,
            title: title,
            organisationName: organisation.name,
            logoHref: organisation.hasLogo ? SiteRoute.logo.path : nil,
            csrfToken: csrfToken,
            homeHref: staff == nil ? SiteRoute.home.path : SiteRoute.staffHome.path,
            stylesheetHref: "/css/meedenken.css",
            brandStylesheetHref: SiteRoute.brandStylesheet.path,
            languageSwitchHref: SiteRoute.languageSwitch.path,
            returnTo: LocalRedirect.safePath(url.path + (url.query.map { "?\($0)" } ?? "")) ?? SiteRoute.home.path,
            otherLanguages: Language.allCases.filter { $0 != language }.map { .init(code: $0.rawValue, name: $0.nativeName) },
            staffName: staff?.displayName,
            staffNavigation: navigation,
            accountHref: SiteRoute.account.path,
            logoutHref: SiteRoute.logout.path,
            loginHref: SiteRoute.login.path,
            privacyHref: SiteRoute.privacy.path,
            accessibilityHref: SiteRoute.accessibility.path,
            contactHref: organisation.contactURL,
            complaintsHref: organisation.complaintsURL,
            confidentialAdviserHref: organisation.confidentialAdviserURL,
            isStaffArea: staffArea ?? (staff != nil))
    }

    /// Renders a typed page context with its template and status.
    func render(_ template: String, _ context: some Encodable, status: HTTPResponseStatus = .ok) async throws -> Response {
        let view = try await leaf.render(template, context)
        let response = try await view.encodeResponse(for: self)
        response.status = status
        return response
    }
}

/// The staff menu: what each role's work needs, derived from the permission table.
enum StaffNavigation {
    struct Item {
        let route: SiteRoute
        let labelKey: String
        let permission: Permission
    }

    static let all: [Item] = [
        Item(route: .staffHome, labelKey: "nav.staffHome", permission: .useStaffArea),
        Item(route: .questionnaires, labelKey: "nav.questionnaires", permission: .coordinateParticipation),
        Item(route: .questionBank, labelKey: "nav.questionBank", permission: .coordinateParticipation),
        Item(route: .results, labelKey: "nav.results", permission: .viewResults),
        Item(route: .panel, labelKey: "nav.panel", permission: .useStaffArea),
        Item(route: .codebook, labelKey: "nav.codebook", permission: .coordinateParticipation),
        Item(route: .closureImport, labelKey: "nav.closureImport", permission: .coordinateParticipation),
        Item(route: .plannedInvitations, labelKey: "nav.plannedInvitations", permission: .coordinateParticipation),
        Item(route: .outbox, labelKey: "nav.outbox", permission: .coordinateParticipation),
        Item(route: .users, labelKey: "nav.users", permission: .manageUsers),
        Item(route: .teams, labelKey: "nav.teams", permission: .manageTeams),
        Item(route: .settings, labelKey: "nav.settings", permission: .manageSettings),
        Item(route: .auditLog, labelKey: "nav.auditLog", permission: .readAuditLog),
        Item(route: .apiTokens, labelKey: "nav.apiTokens", permission: .manageApiTokens),
    ]

    static func items(for role: Role) -> [Item] {
        all.filter { PermissionTable.allows(role, $0.permission) }
    }
}
