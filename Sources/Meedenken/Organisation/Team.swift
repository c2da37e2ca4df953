import Fluent
import Foundation

/// A team of caseworkers; responses, trajectories and team managers' scopes refer to it.
final class Team: Model, @unchecked Sendable {
    static let schema = "teams"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Parent(key: "region_id") var region: Region
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, name: String, regionID: UUID, createdAt: Date) {
        self.id = id
        self.name = name
        self.$region.id = regionID
        self.createdAt = createdAt
    }
}
