import Fluent
import Foundation

/// One entry of the append-only audit log (NEN 7513): who did what to which object, when (UTC).
/// Holds no passwords, codes or answers: only references.
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "occurred_at") var occurredAt: Date
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    /// The actor's e-mail at the time, so the entry stays readable if the address changes.
    @OptionalField(key: "actor_email") var actorEmail: String?
    @Field(key: "action") var action: AuditAction
    @OptionalField(key: "object_type") var objectType: String?
    @OptionalField(key: "object_id") var objectID: String?
    @OptionalField(key: "detail") var detail: String?
    @OptionalField(key: "client_address") var clientAddress: String?

    init() {}
}
