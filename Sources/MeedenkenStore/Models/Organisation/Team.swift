import FluentKit
import Foundation

/// A team of caseworkers; responses, trajectories and team managers' scopes refer to it.
package final class Team: Model, @unchecked Sendable {
    package static let schema = "teams"

    @ID(key: .id) package var id: UUID?
    @Field(key: "name") package var name: String
    @Parent(key: "region_id") package var region: Region
    @Field(key: "created_at") package var createdAt: Date

    package init() {}

    package init(id: UUID? = nil, name: String, regionID: UUID, createdAt: Date) {
        self.id = id
        self.name = name
        self.$region.id = regionID
        self.createdAt = createdAt
    }
}
