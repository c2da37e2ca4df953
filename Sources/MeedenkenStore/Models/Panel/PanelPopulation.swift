import FluentKit
import Foundation

/// The number of clients in one group (`role:parent`, `age:12-15`), as the organisation counts
/// them, to set the panel's make-up against.
package final class PanelPopulation: Model, @unchecked Sendable {
    package static let schema = "panel_population"

    @ID(custom: "group_key", generatedBy: .user) package var id: String?
    @Field(key: "clients") package var clients: Int
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}

    package init(group: String, clients: Int, updatedAt: Date) {
        self.id = group
        self.clients = clients
        self.updatedAt = updatedAt
    }
}
