import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Checks the bearer token of an API call: known, not revoked, and holding the route's scope.
/// Failures are problem documents with a `WWW-Authenticate` challenge (RFC 6750).
enum ApiAuthentication {
    static func authorize(_ request: Request, scope: ApiScope) async throws {
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw ApiProblem(status: .unauthorized, detail: request.t("api.error.noToken"), headers: ["WWW-Authenticate": "Bearer"])
        }
        guard
            let token = try await ApiToken.query(on: request.db).filter(\.$tokenHash == SecureToken.hash(bearer))
                .filter(\.$revokedAt == nil).first()
        else {
            throw ApiProblem(
                status: .unauthorized, detail: request.t("api.error.badToken"),
                headers: ["WWW-Authenticate": "Bearer error=\"invalid_token\""])
        }
        guard token.scopes.contains(scope) else {
            throw ApiProblem(
                status: .forbidden, detail: request.t("api.error.scope", ["scope": scope.rawValue]),
                headers: ["WWW-Authenticate": "Bearer error=\"insufficient_scope\", scope=\"\(scope.rawValue)\""])
        }
        request.apiTokenName = token.name
        // Staff see when a token was last used; once a minute is precise enough and spares writes.
        let now = request.now
        if token.lastUsedAt.map({ now.timeIntervalSince($0) > 60 }) ?? true {
            token.lastUsedAt = now
            try await token.save(on: request.db)
        }
    }
}

extension Request {
    private struct ApiTokenNameKey: StorageKey { typealias Value = String }

    /// The name of the API token this call was authorised with, for the audit log.
    var apiTokenName: String? {
        get { storage[ApiTokenNameKey.self] }
        set { storage[ApiTokenNameKey.self] = newValue }
    }
}
