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
        let from = Self.day(filter.van.trimmed)
        let until = Self.day(filter.tot.trimmed)
        if !filter.van.trimmed.isEmpty && from == nil { errors.add("van", req.t("audit.error.date")) }
        if !filter.tot.trimmed.isEmpty && until == nil { errors.add("tot", req.t("audit.error.date")) }
        if let from { query.filter(\.$occurredAt >= from) }
        if let until { query.filter(\.$occurredAt < until.addingTimeInterval(86400)) }
        let page = max(1, min(filter.pagina ?? 1, 100_000))
        let events = try await query.sort(\.$occurredAt, .descending).sort(\.$id)
            .range((page - 1) * Self.pageSize..<(page * Self.pageSize + 1)).all()
        try await req.audit(.auditLogViewed, detail: "page \(page)")

        let formatter = ISO8601DateFormatter()
        let rows = events.prefix(Self.pageSize).map { event in
            AuditLogPage.Row(
                occurredAt: formatter.string(from: event.occurredAt), actor: event.actorEmail ?? "—",
                action: req.t("audit.action.\(event.action.rawValue)"),
                object: [event.objectType, event.objectID].compactMap { $0 }.joined(separator: " "),
                detail: event.detail ?? "", clientAddress: event.clientAddress ?? "")
        }
        func link(_ page: Int) -> String {
            var components = URLComponents()
            components.path = SiteRoute.auditLog.path
            components.queryItems = [
                URLQueryItem(name: "actie", value: filter.actie.trimmed), URLQueryItem(name: "wie", value: actor),
                URLQueryItem(name: "van", value: filter.van.trimmed), URLQueryItem(name: "tot", value: filter.tot.trimmed),
                URLQueryItem(name: "pagina", value: String(page)),
            ]
            return components.string ?? SiteRoute.auditLog.path
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

    /// A `YYYY-MM-DD` day (the format of `<input type="date">`) at 00:00 UTC.
    static func day(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text)
    }
}
