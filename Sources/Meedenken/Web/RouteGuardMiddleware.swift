import MeedenkenCore
import MeedenkenStore
import Vapor

/// Enforces a route's declaration before its handler runs: who may use it (from the one
/// permission table) and, for form posts, the CSRF token.
struct RouteGuardMiddleware: AsyncMiddleware {
    let declaration: RouteDeclaration

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let refusal = try await refusal(for: request) { return refusal }
        if case .apiClient = declaration.access { return try await next.respond(to: request) }
        let changesState = [.POST, .PUT, .PATCH, .DELETE].contains(request.method)
        if changesState, request.body.data == nil {
            // A large body may still be streaming in; the CSRF token is inside it.
            let limit = declaration.maxBodySize ?? request.application.routes.defaultMaxBodySize.value
            _ = try await request.body.collect(max: limit).get()
        }
        if changesState, !request.hasValidCSRFToken() {
            switch declaration.staleForm {
            case .reject: throw UserFacingError(.forbidden, "error.staleForm")
            case .reshow: request.isStaleForm = true
            }
        }
        return try await next.respond(to: request)
    }

    /// A response that sends the visitor elsewhere, or nil when they may pass.
    private func refusal(for request: Request) async throws -> Response? {
        switch declaration.access {
        case .anyone:
            return nil
        case .apiClient(let scope):
            try await ApiAuthentication.authorize(request, scope: scope)
            return nil
        case .signingIn:
            if request.signingIn != nil { return nil }
            if request.staff != nil { return request.redirect(to: SiteRoute.staffHome.path, redirectType: .normal) }
            return request.redirect(to: SiteRoute.login.path, redirectType: .normal)
        case .staff(let permission):
            if let staff = request.staff {
                if PermissionTable.allows(staff.role, permission) { return nil }
                try await request.audit(.accessDenied, object: ("route", declaration.route.pattern))
                throw UserFacingError(.forbidden, "error.forbidden")
            }
            if let pending = request.signingIn {
                // Half signed in: finish the second factor (or set it up) first.
                let next: SiteRoute = pending.hasSecondFactor ? .loginCode : .twoFactorEnrolment
                return request.redirect(to: next.path, redirectType: .normal)
            }
            if request.method == .GET {
                let back = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
                return request.redirect(to: SiteRoute.login.path(.returnTo(back)), redirectType: .normal)
            }
            throw UserFacingError(.unauthorized, "error.loginRequired")
        }
    }
}
