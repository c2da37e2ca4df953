import FluentKit
import Foundation

/// A region of the organisation; teams belong to one. Small teams roll up to their region in results.
package final class Region: Model, @unchecked Sendable {
    package static let schema = "regions"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Field(key: "created_at") package var createdAt: Date
    @Children(for: \.$region) package var teams: [Team]

    package init() {}

    package init(id: UUID? = nil, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}
