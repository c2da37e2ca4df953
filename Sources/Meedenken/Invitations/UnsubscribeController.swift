import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The unsubscribe link in every invitation mail: no more invitations to this address, ever.
/// Opening the link only shows a button (mail scanners open links); the button, or a mail
/// program's one-click unsubscribe (RFC 8058), does it.
struct UnsubscribeController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .unsubscribe(token: ""), access: .anyone, use: show)
        routes.on(.POST, .unsubscribe(token: ""), access: .anyone, staleForm: .reshow, use: unsubscribe)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (invitation, token) = try await find(req)
        return try await page(req, token: token, isDone: invitation.unsubscribed, errors: FormErrors())
    }

    @Sendable func unsubscribe(req: Request) async throws -> Response {
        let (invitation, token) = try await find(req)
        // A mail program's one-click request carries no form token; the link's token is the proof.
        let oneClick = (try? req.content.get(String.self, at: "List-Unsubscribe")) == "One-Click"
        if req.isStaleForm && !oneClick { return try await page(req, token: token, isDone: false, errors: req.staleFormErrors()) }
        try await Self.unsubscribe(emailHash: invitation.emailHash, day: req.today, on: req.db)
        return try await page(req, token: token, isDone: true, errors: FormErrors())
    }

    /// Records the address (hashed) and stops every open invitation to it, now and later.
    static func unsubscribe(emailHash: String, day: String, on database: any Database) async throws {
        try await database.transaction { database in
            if try await UnsubscribedAddress.query(on: database).filter(\.$emailHash == emailHash).first() == nil {
                try await UnsubscribedAddress(emailHash: emailHash, unsubscribedOn: day).create(on: database)
            }
            try await Store(database, for: "Unsubscribe").stopInvitations(
                toEmailHash: emailHash, failingPendingMailWith: MailSendError.Reason.unsubscribed.rawValue)
        }
    }

    private func find(_ req: Request) async throws -> (Invitation, String) {
        let token = req.parameters.get("token") ?? ""
        guard let link = try await InvitationLink.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(token)).first(),
            let invitation = try await Invitation.find(link.$invitation.id, on: req.db)
        else { throw UserFacingError(.notFound, "unsubscribe.unknown") }
        return (invitation, token)
    }

    private func page(_ req: Request, token: String, isDone: Bool, errors: FormErrors) async throws -> Response {
        let context = UnsubscribePage(
            layout: try await req.layout(titleKey: "unsubscribe.title", staffArea: false), organisation: try await req.organisation().name,
            formAction: SiteRoute.unsubscribe(token: token).path, isDone: isDone, errors: errors)
        return try await req.render("Invitations/unsubscribe", context)
    }
}
