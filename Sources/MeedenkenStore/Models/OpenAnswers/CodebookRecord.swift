import FluentKit
import Foundation
import MeedenkenCore

/// The organisation's codebook as one stored document; until someone edits it, the shipped one
/// (`Resources/Codebook/codeboek.json`, our own stems).
package final class CodebookRecord: Model, @unchecked Sendable {
    package static let schema = "codebook"

    @ID(key: .id) package var id: UUID?
    @Field(key: "document") package var document: String
    @Field(key: "updated_at") package var updatedAt: Date

    package init() {}
}
