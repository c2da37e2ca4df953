import FluentKit
import Foundation
import MeedenkenCore

/// One entry of the append-only audit log (NEN 7513): who did what to which object, when (UTC).
/// Holds no passwords, codes or answers: only references.
package final class AuditEvent: Model, @unchecked Sendable {
    package static let schema = "audit_events"

    @ID(key: .id) package var id: UUID?
    @Field(key: "occurred_at") package var occurredAt: Date
    @OptionalField(key: "actor_user_id") package var actorUserID: UUID?
    /// The actor's e-mail at the time, so the entry stays readable if the address changes.
    @OptionalField(key: "actor_email") package var actorEmail: String?
    @Field(key: "action") package var action: AuditAction
    @OptionalField(key: "object_type") package var objectType: String?
    @OptionalField(key: "object_id") package var objectID: String?
    @OptionalField(key: "detail") package var detail: String?
    @OptionalField(key: "client_address") package var clientAddress: String?

    package init() {}
}
