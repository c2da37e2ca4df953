import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// One-time links for choosing a password: the first administrator's setup link printed by
/// `serve`, and activation links administrators hand to staff.
struct AccessLinkController {
    static let activationLifetime: TimeInterval = 7 * 24 * 3600
    static let setupLifetime: TimeInterval = 24 * 3600

    let login = LoginController()

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .setup(token: ""), access: .anyone, use: showSetup)
        routes.on(.POST, .setup(token: ""), access: .anyone, staleForm: .reshow, use: submitSetup)
        routes.on(.GET, .activation(token: ""), access: .anyone, use: showActivation)
        routes.on(.POST, .activation(token: ""), access: .anyone, staleForm: .reshow, use: submitActivation)
    }

    /// Makes a new link and returns its token (shown once; only the hash is kept).
    static func create(_ purpose: AccessLink.Purpose, for userID: UUID?, now: Date, on database: any Database) async throws -> String {
        let token = SecureToken.generate()
        let lifetime = purpose == .firstAdministrator ? setupLifetime : activationLifetime
        // A new link replaces older unused ones for the same person or purpose.
        let older = AccessLink.query(on: database).filter(\.$purpose == purpose).filter(\.$usedAt == nil)
        if let userID { older.filter(\.$user.$id == userID) }
        try await older.delete()
        try await AccessLink(
            tokenHash: SecureToken.hash(token), purpose: purpose, userID: userID,
            expiresAt: now.addingTimeInterval(lifetime)
        ).create(on: database)
        return token
    }

    @Sendable func showSetup(req: Request) async throws -> Response {
        _ = try await validLink(req, purpose: .firstAdministrator)
        return try await page(req, purpose: .firstAdministrator, form: ChoosePasswordForm(), errors: FormErrors())
    }

    @Sendable func submitSetup(req: Request) async throws -> Response {
        let link = try await validLink(req, purpose: .firstAdministrator)
        let form = try req.form(ChoosePasswordForm.self)
        var errors = req.staleFormErrors()
        let name = form.displayName.trimmed
        let email = EmailAddress(form.email.trimmed)
        if !errors.hasErrors {
            if name.isEmpty || name.count > 200 { errors.add("displayName", req.t("user.error.name")) }
            if email == nil { errors.add("email", req.t("user.error.email")) }
            validatePassword(form, into: &errors, req)
        }
        if errors.hasErrors {
            return try await page(req, purpose: .firstAdministrator, form: form, errors: errors, status: .unprocessableEntity)
        }
        let user = StaffUser(email: email!.value, displayName: name, role: .administrator, language: req.language, createdAt: req.now)
        user.passwordHash = try await req.hashPassword(form.password ?? "")
        try await req.db.transaction { database in
            try await user.create(on: database)
            link.usedAt = req.now
            try await link.save(on: database)
        }
        try await req.audit(.firstAdministratorCreated, object: ("staff_user", try user.requireID().uuidString), actor: (user.id, user.email))
        return try await login.signIn(user, returnTo: "", on: req)
    }

    @Sendable func showActivation(req: Request) async throws -> Response {
        _ = try await validLink(req, purpose: .activation)
        return try await page(req, purpose: .activation, form: ChoosePasswordForm(), errors: FormErrors())
    }

    @Sendable func submitActivation(req: Request) async throws -> Response {
        let link = try await validLink(req, purpose: .activation)
        let form = try req.form(ChoosePasswordForm.self)
        var errors = req.staleFormErrors()
        if !errors.hasErrors { validatePassword(form, into: &errors, req) }
        if errors.hasErrors {
            return try await page(req, purpose: .activation, form: form, errors: errors, status: .unprocessableEntity)
        }
        guard let userID = link.$user.id, let user = try await StaffUser.find(userID, on: req.db), !user.isDisabled else {
            throw UserFacingError(.notFound, "accessLink.invalid")
        }
        user.passwordHash = try await req.hashPassword(form.password ?? "")
        try await req.db.transaction { database in
            try await user.save(on: database)
            link.usedAt = req.now
            try await link.save(on: database)
        }
        try await SessionManager.endAll(of: userID, on: req.db)
        try await req.audit(.accountActivated, object: ("staff_user", userID.uuidString), actor: (userID, user.email))
        try await req.queueAccountNotice(.passwordSet, for: user)
        return try await login.signIn(user, returnTo: "", on: req)
    }

    private func validatePassword(_ form: ChoosePasswordForm, into errors: inout FormErrors, _ req: Request) {
        let password = form.password ?? ""
        if let problem = req.passwordProblem(password) {
            errors.add("password", problem)
        } else if password != (form.passwordRepeat ?? "") {
            errors.add("passwordRepeat", req.t("password.mismatch"))
        }
    }

    /// The link behind the token in the path, if it is unused, unexpired and of this purpose.
    /// Guessing is rate limited per address.
    private func validLink(_ req: Request, purpose: AccessLink.Purpose) async throws -> AccessLink {
        try await req.limitByAddress("access_link")
        let token = req.parameters.get("token") ?? ""
        guard
            let link = try await AccessLink.query(on: req.db)
                .filter(\.$tokenHash == SecureToken.hash(token)).filter(\.$purpose == purpose).first(),
            link.usedAt == nil, link.expiresAt > req.now
        else { throw UserFacingError(.notFound, "accessLink.invalid") }
        if purpose == .firstAdministrator,
            try await StaffUser.query(on: req.db).filter(\.$role == .administrator).count() > 0
        {
            throw UserFacingError(.notFound, "accessLink.invalid")
        }
        return link
    }

    private func page(
        _ req: Request, purpose: AccessLink.Purpose, form: ChoosePasswordForm, errors: FormErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let isSetup = purpose == .firstAdministrator
        let context = ChoosePasswordPage(
            layout: try await req.layout(titleKey: isSetup ? "setup.title" : "activation.title", staffArea: true),
            formAction: (isSetup ? SiteRoute.setup(token: token) : SiteRoute.activation(token: token)).path,
            asksIdentity: isSetup, displayName: form.displayName.trimmed, email: form.email.trimmed,
            minimumLength: PasswordPolicy.minimumLength, errors: errors)
        return try await req.render("Accounts/choosePassword", context, status: status)
    }
}
