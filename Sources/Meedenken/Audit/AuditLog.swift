import Fluent
import Vapor

extension Request {
    /// Appends an entry to the audit log for the signed-in (or signing-in) staff member.
    func audit(
        _ action: AuditAction, object: (type: String, id: String)? = nil, detail: String? = nil,
        actor: (id: UUID?, email: String?)? = nil
    ) async throws {
        let event = AuditEvent()
        event.occurredAt = now
        let who = actor ?? (staff.map { ($0.userID, $0.email) } ?? signingIn.map { ($0.userID, $0.email) })
        event.actorUserID = who?.id ?? nil
        event.actorEmail = who?.email ?? nil
        event.action = action
        event.objectType = object?.type
        event.objectID = object?.id
        event.detail = detail.map { String($0.prefix(500)) }
        event.clientAddress = clientAddress
        try await event.create(on: db)
    }
}

/// Refuses updates and deletes of audit entries: the log is append-only.
struct AppendOnlyAuditMiddleware: AsyncModelMiddleware {
    func update(model: AuditEvent, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        throw Abort(.internalServerError, reason: "audit events are append-only")
    }

    func delete(model: AuditEvent, force: Bool, on db: any Database, next: any AnyAsyncModelResponder) async throws {
        throw Abort(.internalServerError, reason: "audit events are append-only")
    }
}
