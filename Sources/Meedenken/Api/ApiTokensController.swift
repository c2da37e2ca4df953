import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Administrators make and revoke API tokens. A new token is shown once, on the page that made it.
struct ApiTokensController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .apiTokens, access: .staff(.manageApiTokens), use: show)
        routes.on(.POST, .apiTokens, access: .staff(.manageApiTokens), staleForm: .reshow, use: create)
        routes.on(.POST, .apiTokenRevoke(id: .routePattern), access: .staff(.manageApiTokens), use: revoke)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, name: "", chosen: [], newToken: nil, errors: FormErrors())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(TokenForm.self)
        var errors = req.staleFormErrors()
        let name = form.name.trimmed
        let chosen = Set((form.scopes ?? []).compactMap(ApiScope.init(rawValue:)))
        if !errors.hasErrors {
            if name.isEmpty || name.count > 100 { errors.add("name", req.t("apiTokens.error.name")) }
            if chosen.isEmpty { errors.add("scope-\(ApiScope.allCases[0].rawValue)", req.t("apiTokens.error.scopes")) }
        }
        if errors.hasErrors { return try await page(req, name: name, chosen: chosen, newToken: nil, errors: errors, status: .unprocessableEntity) }
        let (token, secret) = try await ApiToken.create(name: name, scopes: chosen, now: req.now, on: req.db)
        try await req.audit(.apiTokenCreated, object: ("api_token", try token.requireID().uuidString), detail: "\(name): \(token.scopesText)")
        return try await page(req, name: "", chosen: [], newToken: secret, errors: FormErrors())
    }

    @Sendable func revoke(req: Request) async throws -> Response {
        guard let id = req.parameters.get("tokenID", as: UUID.self), let token = try await ApiToken.find(id, on: req.db) else {
            throw UserFacingError(.notFound, "error.message.404")
        }
        if token.revokedAt == nil {
            token.revokedAt = req.now
            try await token.save(on: req.db)
            try await req.audit(.apiTokenRevoked, object: ("api_token", id.uuidString), detail: token.name)
        }
        return req.redirect(to: SiteRoute.apiTokens.path)
    }

    private func page(
        _ req: Request, name: String, chosen: Set<ApiScope>, newToken: String?, errors: FormErrors, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let tokens = try await ApiToken.query(on: req.db).sort(\.$createdAt, .descending).all()
        let day = { (date: Date?) in date.map(req.application.calendar.day) ?? "—" }
        let context = ApiTokensPage(
            layout: try await req.layout(titleKey: "apiTokens.title"), formAction: SiteRoute.apiTokens.path,
            rows: try tokens.map { token in
                .init(
                    name: token.name, scopes: token.scopesText, created: day(token.createdAt), lastUsed: day(token.lastUsedAt),
                    isRevoked: token.revokedAt != nil, revokeAction: SiteRoute.apiTokenRevoke(id: try token.requireID()).path)
            }, hasRows: !tokens.isEmpty,
            scopes: ApiScope.allCases.map { .init(value: $0.rawValue, label: req.t("apiTokens.scope.\($0.rawValue)"), isChecked: chosen.contains($0)) },
            name: name, newToken: newToken, hasNewToken: newToken != nil, openAPIHref: SiteRoute.openAPIDocument.path, errors: errors)
        return try await req.render("Admin/apiTokens", context, status: status)
    }
}
