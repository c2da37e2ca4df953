import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

extension Request {
    /// Appends an entry to the audit log for the signed-in (or signing-in) staff member.
    func audit(
        _ action: AuditAction, object: (type: String, id: String)? = nil, detail: String? = nil,
        actor: (id: UUID?, email: String?)? = nil
    ) async throws {
        let event = AuditEvent()
        event.occurredAt = now
        var who = actor ?? (staff.map { ($0.userID, $0.email) } ?? signingIn.map { ($0.userID, $0.email) })
        // A program's call names its API token.
        if who == nil, let token = apiTokenName { who = (nil, "api:\(token)") }
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

extension Request {
    /// Records that a questionnaire's results were published or withdrawn, whichever it is now.
    func auditResultPublication(of questionnaireID: UUID) async throws {
        let published = try await ResultPublication.query(on: db).filter(\.$questionnaireID == questionnaireID).count() > 0
        try await audit(published ? .resultsPublished : .resultsWithdrawn, object: ("questionnaire", questionnaireID.uuidString))
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
