import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Invitations planned but not yet mailed, so a coordinator can catch a wrongly entered address
/// and cancel that invitation before anything is sent. Cancelling is audit-logged; a sent
/// invitation cannot be cancelled any more (the person has the mail).
struct PlannedInvitationsController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .plannedInvitations, access: .staff(.coordinateParticipation), use: show)
        routes.on(.POST, .plannedInvitationCancel(id: .routePattern), access: .staff(.coordinateParticipation), use: cancel)
    }

    /// The newest this many are listed; older planned invitations go out first anyway.
    static let listed = 300

    @Sendable func show(req: Request) async throws -> Response {
        try await req.audit(.plannedInvitationsViewed)
        let cancelled = req.query[String.self, at: SiteQuery.Name.cancelled] == "1"
        return try await page(req, notice: cancelled ? req.t("plannedInvitations.cancelled") : nil)
    }

    @Sendable func cancel(req: Request) async throws -> Response {
        guard let id = req.parameters.get("invitationID", as: UUID.self), let invitation = try await Invitation.find(id, on: req.db) else {
            throw UserFacingError(.notFound, "error.message.404")
        }
        let reference = try await invitation.$closure.get(on: req.db)?.reference
        // Only while nothing went out: the check and the delete are one statement, so the mailer
        // claiming it at this very moment wins, and the coordinator is told it was sent.
        let cancelled = try await req.db.transaction { database -> Bool in
            guard
                try await Invitation.query(on: database).filter(\.$id == id).filter(\.$firstMailedAt == nil).count() == 1
            else { return false }
            // A child's link goes with this mail: without the adult's invitation it has no way to
            // travel. Children whose link went out alone already keep theirs.
            let children = try await Invitation.query(on: database).filter(\.$companionOf == id).filter(\.$firstMailedAt == nil).all()
            for child in children { try await child.delete(on: database) }
            try await Invitation.query(on: database).filter(\.$id == id).filter(\.$firstMailedAt == nil).delete()
            if let closure = try await invitation.$closure.get(on: database) {
                closure.invitationsPlanned = max(0, closure.invitationsPlanned - 1 - children.count)
                try await closure.save(on: database)
            }
            return true
        }
        guard cancelled else { return try await page(req, error: req.t("plannedInvitations.alreadySent"), status: .conflict) }
        try await req.audit(
            .invitationCancelled, object: ("trajectory_closure", reference ?? ""),
            detail: "\(invitation.respondentRole), not yet sent")
        return req.redirect(to: SiteRoute.plannedInvitations.path(.cancelled))
    }

    private func page(_ req: Request, notice: String? = nil, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let planned = try await Invitation.query(on: req.db).filter(\.$firstMailedAt == nil).filter(\.$companionOf == nil)
            .filter(\.$email != nil).with(\.$closure).with(\.$team).sort(\.$createdAt, .descending).limit(Self.listed).all()
        let total = try await Invitation.query(on: req.db).filter(\.$firstMailedAt == nil).filter(\.$companionOf == nil)
            .filter(\.$email != nil).count()
        let children = Set(
            try await Invitation.query(on: req.db).filter(\.$firstMailedAt == nil).filter(\.$companionOf != nil).all().compactMap(\.companionOf))
        let language = req.language
        let rows = try planned.map { invitation in
            let audience = req.t("questionnaire.audience.\(invitation.respondentRole)")
            let withChild = children.contains(try invitation.requireID()) ? " " + req.t("plannedInvitations.withChild") : ""
            return PlannedInvitationsPage.Row(
                reference: invitation.closure?.reference ?? "–", team: invitation.team?.name ?? "–", audience: audience + withChild,
                address: invitation.email ?? "", sendOn: req.application.calendar.formatted(invitation.sendAfter, language: language, withTime: false),
                cancelAction: SiteRoute.plannedInvitationCancel(id: try invitation.requireID()).path,
                cancelLabel: req.t("plannedInvitations.cancel", ["address": invitation.email ?? ""]))
        }
        let context = PlannedInvitationsPage(
            layout: try await req.layout(titleKey: "plannedInvitations.title"),
            intro: req.t("plannedInvitations.intro", ["count": "\(total)", "listed": "\(min(total, Self.listed))"]), notice: notice,
            error: error, rows: rows, hasRows: !rows.isEmpty)
        return try await req.render("Invitations/planned", context, status: status)
    }
}
