import Fluent
import Foundation

/// A region of the organisation; teams belong to one. Small teams roll up to their region in results.
final class Region: Model, @unchecked Sendable {
    static let schema = "regions"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "created_at") var createdAt: Date
    @Children(for: \.$region) var teams: [Team]

    init() {}

    init(id: UUID? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
