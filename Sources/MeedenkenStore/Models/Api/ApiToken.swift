import FluentKit
import Foundation
import MeedenkenCore

/// A bearer token for the case system or another program. Shown once when made; only its hash is
/// stored. Scoped, and revocable by an administrator.
package final class ApiToken: Model, @unchecked Sendable {
    package static let schema = "api_tokens"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    /// Space-separated `ApiScope` values.
    @Field(key: "scopes") package var scopesText: String
    @Field(key: "token_hash") package var tokenHash: String
    @Field(key: "created_at") package var createdAt: Date
    @OptionalField(key: "last_used_at") package var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") package var revokedAt: Date?

    package init() {}

    package init(name: String, scopes: Set<ApiScope>, tokenHash: String, createdAt: Date) {
        self.name = name
        self.scopesText = scopes.map(\.rawValue).sorted().joined(separator: " ")
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }

    package var scopes: Set<ApiScope> { Set(scopesText.split(separator: " ").compactMap { ApiScope(rawValue: String($0)) }) }

    /// Tokens start with a recognisable prefix so secret scanners and people can spot a leaked one.
    package static let prefix = "mdk_"

    /// Makes a token, stores its hash, and returns the token (to show once).
    package static func create(name: String, scopes: Set<ApiScope>, now: Date, on database: any Database) async throws -> (ApiToken, String) {
        let token = prefix + SecureToken.generate()
        let model = ApiToken(name: name, scopes: scopes, tokenHash: SecureToken.hash(token), createdAt: now)
        try await model.create(on: database)
        return (model, token)
    }
}
