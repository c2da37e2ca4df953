import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Confirming a new e-mail address through the link mailed to it. Following the link shows a
/// button; only pressing it (a form post) makes the change, because mail scanners open links
/// by themselves. Anyone with the link may press it: holding the link proves the mailbox, and
/// asking for the change took the password.
struct EmailChangeController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .emailConfirmation(token: ""), access: .anyone, use: show)
        routes.on(.POST, .emailConfirmation(token: ""), access: .anyone, use: confirm)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let change = try await pendingChange(req)
        return try await page(req, change: change, confirmed: false)
    }

    @Sendable func confirm(req: Request) async throws -> Response {
        let change = try await pendingChange(req)
        guard let user = try await StaffUser.find(change.$user.id, on: req.db), !user.isDisabled else {
            throw UserFacingError(.notFound, "emailConfirmation.invalid")
        }
        // Someone may have taken the address in the meantime.
        if try await StaffUser.query(on: req.db).filter(\.$email == change.newEmail).filter(\.$id != change.$user.id).count() > 0 {
            try await change.delete(on: req.db)
            throw UserFacingError(.unprocessableEntity, "user.error.emailTaken")
        }
        let oldEmail = user.email
        user.email = change.newEmail
        try await req.db.transaction { database in
            try await user.save(on: database)
            try await change.delete(on: database)
        }
        try await req.audit(.emailChanged, object: ("staff_user", try user.requireID().uuidString), actor: (user.id, oldEmail))
        // The old address hears of it: if this was not its owner, they know where to go.
        try await req.queueAccountNotice(.email, for: user, to: oldEmail, arguments: ["newEmail": OutboxSender.masked(change.newEmail)])
        return try await page(req, change: change, confirmed: true)
    }

    /// The unexpired change behind the token in the path.
    private func pendingChange(_ req: Request) async throws -> EmailChange {
        let token = req.parameters.get("token") ?? ""
        guard let change = try await EmailChange.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(token)).first(), change.expiresAt > req.now
        else { throw UserFacingError(.gone, "emailConfirmation.invalid") }
        return change
    }

    private func page(_ req: Request, change: EmailChange, confirmed: Bool) async throws -> Response {
        let context = EmailConfirmationPage(
            layout: try await req.layout(titleKey: "emailConfirmation.title", staffArea: true), newEmail: change.newEmail,
            formAction: SiteRoute.emailConfirmation(token: req.parameters.get("token") ?? "").path, confirmed: confirmed,
            accountHref: SiteRoute.account.path)
        return try await req.render("Accounts/emailConfirmation", context)
    }
}
