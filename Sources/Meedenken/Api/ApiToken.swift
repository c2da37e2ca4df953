import Fluent
import Foundation
import MeedenkenCore

/// A bearer token for the case system or another program. Shown once when made; only its hash is
/// stored. Scoped, and revocable by an administrator.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// Space-separated `ApiScope` values.
    @Field(key: "scopes") var scopesText: String
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    init() {}

    init(name: String, scopes: Set<ApiScope>, tokenHash: String, createdAt: Date) {
        self.name = name
        self.scopesText = scopes.map(\.rawValue).sorted().joined(separator: " ")
        self.tokenHash = tokenHash
        self.createdAt = createdAt
    }

    var scopes: Set<ApiScope> { Set(scopesText.split(separator: " ").compactMap { ApiScope(rawValue: String($0)) }) }

    /// Tokens start with a recognisable prefix so secret scanners and people can spot a leaked one.
    static let prefix = "mdk_"

    /// Makes a token, stores its hash, and returns the token (to show once).
    static func create(name: String, scopes: Set<ApiScope>, now: Date, on database: any Database) async throws -> (ApiToken, String) {
        let token = prefix + SecureToken.generate()
        let model = ApiToken(name: name, scopes: scopes, tokenHash: SecureToken.hash(token), createdAt: now)
        try await model.create(on: database)
        return (model, token)
    }
}

struct CreateApiToken: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ApiToken.schema)
            .id()
            .field("name", .string, .required)
            .field("scopes", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApiToken.schema).delete()
    }
}
