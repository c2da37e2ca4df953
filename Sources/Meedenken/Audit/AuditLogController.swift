import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Administrators read and filter the audit log; reading it is itself logged.
struct AuditLogController {
    static let pageSize = 50

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .auditLog, access: .staff(.readAuditLog), use: show)
    }

    struct Filter: Decodable {
        var actie: String?
        var wie: String?
        var van: String?
        var tot: String?
        var pagina: Int?
    }

    @Sendable func show(req: Request) async throws -> Response {
        let filter = (try? req.query.decode(Filter.self)) ?? Filter()
        var errors = FormErrors()
        let query = AuditEvent.query(on: req.db)
        if let action = AuditAction(rawValue: filter.actie.trimmed) { query.filter(\.$action == action) }
        let actor = filter.wie.trimmed.lowercased()
        if !actor.isEmpty { query.filter(\.$actorEmail == actor) }
        // Days in the organisation's calendar: an event at 00:30 belongs to that day there.
        let calendar = req.application.calendar
        let from = CalendarDay(filter.van.trimmed).map { calendar.bounds(of: $0).lowerBound }
        let until = CalendarDay(filter.tot.trimmed).map { calendar.bounds(of: $0).upperBound }
        if !filter.van.trimmed.isEmpty && from == nil { errors.add("van", req.t("audit.error.date")) }
        if !filter.tot.trimmed.isEmpty && until == nil { errors.add("tot", req.t("audit.error.date")) }
        if let from { query.filter(\.$occurredAt >= from) }
        if let until { query.filter(\.$occurredAt < until) }
        let page = max(1, min(filter.pagina ?? 1, 100_000))
        let events = try await query.sort(\.$occurredAt, .descending).sort(\.$id)
            .range((page - 1) * Self.pageSize..<(page * Self.pageSize + 1)).all()
        try await req.audit(.auditLogViewed, detail: "page \(page)")

        let rows = events.prefix(Self.pageSize).map { event in
            AuditLogPage.Row(
                occurredAt: calendar.timestamp(event.occurredAt), actor: event.actorEmail ?? "—",
                action: req.t("audit.action.\(event.action.rawValue)"),
                object: [event.objectType, event.objectID].compactMap { $0 }.joined(separator: " "),
                detail: event.detail ?? "", clientAddress: event.clientAddress ?? "")
        }
        func link(_ page: Int) -> String {
            SiteRoute.auditLog.path(
                .auditAction(filter.actie.trimmed), .auditActor(actor), .from(filter.van.trimmed), .until(filter.tot.trimmed), .page(page))
        }
        let context = AuditLogPage(
            layout: try await req.layout(titleKey: "audit.title"), formAction: SiteRoute.auditLog.path,
            actions: AuditAction.allCases.map {
                .init(value: $0.rawValue, label: req.t("audit.action.\($0.rawValue)"), isSelected: $0.rawValue == filter.actie)
            },
            actor: actor, from: filter.van.trimmed, until: filter.tot.trimmed, rows: Array(rows), hasRows: !rows.isEmpty,
            previousHref: page > 1 ? link(page - 1) : nil, nextHref: events.count > Self.pageSize ? link(page + 1) : nil,
            errors: errors)
        return try await req.render("Admin/auditLog", context, status: errors.hasErrors ? .unprocessableEntity : .ok)
    }
}
