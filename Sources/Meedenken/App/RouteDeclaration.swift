import MeedenkenCore
import MeedenkenStore
import Vapor

/// Who may use a route. Every route declares one; `RouteGuardMiddleware` enforces it and the
/// permission test walks all of them against every role.
enum Access: Sendable, Equatable {
    /// Anyone, signed in or not (public pages, health checks).
    case anyone
    /// A browser that has passed the password step but not yet the second factor.
    case signingIn
    /// A fully signed-in staff member whose role holds the permission.
    case staff(Permission)
    /// A program with a bearer API token that holds the scope (no cookies, so no CSRF).
    case apiClient(ApiScope)
}

/// What happens to a form post whose CSRF token is missing or stale.
enum StaleForm: Sendable {
    /// Refused with a 403 page (for posts that carry nothing worth keeping, like logout).
    case reject
    /// The handler re-shows the form with everything entered and a message (`req.isStaleForm`).
    case reshow
}

/// A route as registered: method, typed path, access rule. Stored on the Vapor route's userInfo.
struct RouteDeclaration: Sendable {
    let method: HTTPMethod
    let route: SiteRoute
    let access: Access
    let staleForm: StaleForm
    /// The most body this route accepts; nil means the application's default.
    let maxBodySize: Int?

    static let userInfoKey = "meedenken.declaration"
}

extension RoutesBuilder {
    /// The only way Meedenken registers a route: with its access rule and guard attached.
    @discardableResult
    func on<Response: AsyncResponseEncodable>(
        _ method: HTTPMethod, _ route: SiteRoute, access: Access, staleForm: StaleForm = .reject,
        body: HTTPBodyStreamStrategy = .collect,
        use handler: @escaping @Sendable (Request) async throws -> Response
    ) -> Route {
        var maxBodySize: Int?
        if case .collect(let limit) = body { maxBodySize = limit?.value }
        let declaration = RouteDeclaration(method: method, route: route, access: access, staleForm: staleForm, maxBodySize: maxBodySize)
        let path = route.pattern.split(separator: "/").map { PathComponent(stringLiteral: String($0)) }
        let registered = self.grouped(RouteGuardMiddleware(declaration: declaration))
            .on(method, path, body: body, use: handler)
        registered.userInfo[RouteDeclaration.userInfoKey] = declaration
        return registered
    }
}

extension Route {
    var declaration: RouteDeclaration? { userInfo[RouteDeclaration.userInfoKey] as? RouteDeclaration }
}
