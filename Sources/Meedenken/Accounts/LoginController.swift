import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Password, then second factor. Errors never say whether an e-mail address exists.
struct LoginController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .login, access: .anyone, use: show)
        routes.on(.POST, .login, access: .anyone, staleForm: .reshow, use: submit)
        routes.on(.GET, .loginCode, access: .signingIn, use: showCode)
        routes.on(.POST, .loginCode, access: .signingIn, staleForm: .reshow, use: submitCode)
        routes.on(.GET, .twoFactorEnrolment, access: .signingIn, use: showEnrolment)
        routes.on(.POST, .twoFactorEnrolment, access: .signingIn, staleForm: .reshow, use: submitEnrolment)
        routes.on(.POST, .logout, access: .anyone, use: logout)
    }

    @Sendable func show(req: Request) async throws -> Response {
        if req.staff != nil { return req.redirect(to: SiteRoute.staffHome.path) }
        let returnTo = LocalRedirect.safePath(req.query[String.self, at: SiteQuery.Name.returnTo]) ?? ""
        return try await page(
            req, email: "", returnTo: returnTo, errors: FormErrors(),
            notice: req.sessionHasEnded ? req.t("login.sessionEnded") : nil)
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let form = try req.form(LoginForm.self)
        let typedEmail = form.email.trimmed
        let returnTo = LocalRedirect.safePath(form.terug) ?? ""
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await page(req, email: typedEmail, returnTo: returnTo, errors: errors) }
        if typedEmail.isEmpty { errors.add("email", req.t("login.error.emailMissing")) }
        if (form.password ?? "").isEmpty { errors.add("password", req.t("login.error.passwordMissing")) }
        if errors.hasErrors { return try await page(req, email: typedEmail, returnTo: returnTo, errors: errors, status: .unprocessableEntity) }

        let email = EmailAddress(typedEmail)?.value ?? typedEmail.lowercased()
        let config = req.application.config
        let accountAllowed = try await req.rateLimiter.allow(
            "login:account:\(SecureToken.hash(email))", limit: config.loginAttemptsPerAccount,
            window: config.rateLimitWindow, now: req.now)
        let addressAllowed = try await req.rateLimiter.allow(
            "login:address:\(req.clientAddress)", limit: config.loginAttemptsPerAddress,
            window: config.rateLimitWindow, now: req.now)
        guard accountAllowed, addressAllowed else {
            try await req.audit(.loginRateLimited, detail: accountAllowed ? "per address" : "per account", actor: (nil, nil))
            errors.addGeneral(req.t("error.message.429"))
            let response = try await page(req, email: typedEmail, returnTo: returnTo, errors: errors, status: .tooManyRequests)
            response.headers.replaceOrAdd(name: "Retry-After", value: "\(Int(config.rateLimitWindow))")
            return response
        }

        let user = try await StaffUser.query(on: req.db).filter(\.$email == email).first()
        let usable = user.map { !$0.isDisabled } ?? false
        let passwordMatches = try await req.verifyPassword(form.password ?? "", against: usable ? user?.passwordHash : nil)
        guard let user, usable, passwordMatches else {
            try await req.audit(.loginFailed, object: user.flatMap { $0.id }.map { ("staff_user", $0.uuidString) }, actor: (nil, nil))
            errors.addGeneral(req.t("login.error.wrong"))
            return try await page(req, email: typedEmail, returnTo: returnTo, errors: errors, status: .unauthorized)
        }
        return try await signIn(user, returnTo: returnTo, on: req)
    }

    /// After a correct password: straight in, or on to the second factor or its set-up.
    func signIn(_ user: StaffUser, returnTo: String, on req: Request) async throws -> Response {
        let needsSecondStep = user.hasSecondFactor || PermissionTable.requiresSecondFactor(user.role)
        if !needsSecondStep {
            let response = req.redirect(to: returnTo.isEmpty ? SiteRoute.staffHome.path : returnTo)
            try await req.sessions.advance(user: user, to: .complete, on: response)
            try await req.audit(.loginSucceeded, actor: (user.id, user.email))
            return response
        }
        let next: SiteRoute = user.hasSecondFactor ? .loginCode : .twoFactorEnrolment
        let response = req.redirect(to: next.path)
        try await req.sessions.advance(user: user, to: .passwordVerified, on: response)
        return response
    }

    @Sendable func showCode(req: Request) async throws -> Response {
        try await codePage(req, errors: FormErrors())
    }

    @Sendable func submitCode(req: Request) async throws -> Response {
        let form = try req.form(SecondFactorForm.self)
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await codePage(req, errors: errors) }
        guard let pending = req.signingIn, let user = try await StaffUser.find(pending.userID, on: req.db) else {
            throw UserFacingError(.unauthorized, "error.loginRequired")
        }
        let config = req.application.config
        let accountAllowed = try await req.rateLimiter.allow(
            "second_factor:user:\(pending.userID)", limit: config.loginAttemptsPerAccount,
            window: config.rateLimitWindow, now: req.now)
        let addressAllowed = try await req.rateLimiter.allow(
            "second_factor:address:\(req.clientAddress)", limit: config.loginAttemptsPerAddress,
            window: config.rateLimitWindow, now: req.now)
        guard accountAllowed, addressAllowed else {
            try await req.audit(.loginRateLimited, detail: "second factor")
            errors.addGeneral(req.t("error.message.429"))
            return try await codePage(req, errors: errors, status: .tooManyRequests)
        }
        guard try await SecondFactor.verify(form.code.trimmed, for: user, on: req) else {
            try await req.audit(.secondFactorFailed, object: ("staff_user", pending.userID.uuidString))
            errors.add("code", req.t("secondFactor.error.wrong"))
            return try await codePage(req, errors: errors, status: .unauthorized)
        }
        try await req.audit(.secondFactorSucceeded, object: ("staff_user", pending.userID.uuidString))
        try await req.audit(.loginSucceeded)
        let response = req.redirect(to: SiteRoute.staffHome.path)
        try await req.sessions.advance(user: user, to: .complete, on: response)
        return response
    }

    @Sendable func showEnrolment(req: Request) async throws -> Response {
        guard let user = try await userWithoutSecondFactor(req) else { return req.redirect(to: SiteRoute.loginCode.path) }
        return try await enrolmentPage(req, for: user, errors: FormErrors())
    }

    @Sendable func submitEnrolment(req: Request) async throws -> Response {
        guard let user = try await userWithoutSecondFactor(req) else { return req.redirect(to: SiteRoute.loginCode.path) }
        let userID = try user.requireID()
        let form = try req.form(SecondFactorForm.self)
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await enrolmentPage(req, for: user, errors: errors) }
        guard let codes = try await SecondFactor.confirmEnrolment(code: form.code.trimmed, for: user, on: req) else {
            errors.add("code", req.t("secondFactor.error.wrong"))
            return try await enrolmentPage(req, for: user, errors: errors, status: .unprocessableEntity)
        }
        try await req.audit(.secondFactorEnrolled, object: ("staff_user", userID.uuidString))
        try await req.queueAccountNotice(.secondFactorEnrolled, for: user)
        try await req.audit(.loginSucceeded)
        // A new second factor ends every other session of this person (ASVS 3.3.3).
        try await SessionManager.endAll(of: userID, on: req.db)
        let staffPage = try await req.layout(titleKey: "recoveryCodes.title", staffArea: true)
        let response = try await req.render(
            "Accounts/recoveryCodes",
            RecoveryCodesPage(layout: staffPage, codes: codes, continueHref: SiteRoute.staffHome.path))
        try await req.sessions.start(for: user, stage: .complete, on: response)
        return response
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if req.sessionRecord != nil { try await req.audit(.logout) }
        let response = req.redirect(to: SiteRoute.home.path)
        try await req.sessions.endCurrent(on: response)
        return response
    }

    private func page(
        _ req: Request, email: String, returnTo: String, errors: FormErrors, notice: String? = nil,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let context = LoginPage(
            layout: try await req.layout(titleKey: "login.title", staffArea: true), formAction: SiteRoute.login.path,
            email: email, returnTo: returnTo, notice: notice, errors: errors)
        return try await req.render("Accounts/login", context, status: status)
    }

    private func codePage(_ req: Request, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = SecondFactorPage(
            layout: try await req.layout(titleKey: "secondFactor.title", staffArea: true),
            formAction: SiteRoute.loginCode.path, logoutHref: SiteRoute.logout.path, errors: errors)
        return try await req.render("Accounts/secondFactor", context, status: status)
    }

    /// The person signing in, when they may set up a second factor: only someone who has none
    /// (new, or whose access an administrator reset, or who reset it themselves while fully signed
    /// in). Otherwise the password alone would let anyone replace the owner's authenticator and get
    /// in: they are sent to the code page instead, and the attempt is audited.
    private func userWithoutSecondFactor(_ req: Request) async throws -> StaffUser? {
        guard let pending = req.signingIn, let user = try await StaffUser.find(pending.userID, on: req.db) else {
            throw UserFacingError(.unauthorized, "error.loginRequired")
        }
        guard !user.hasSecondFactor else {
            try await req.audit(.secondFactorEnrolmentRefused, object: ("staff_user", pending.userID.uuidString))
            return nil
        }
        return user
    }

    private func enrolmentPage(_ req: Request, for user: StaffUser, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let secret = try await SecondFactor.pendingSecret(for: user, sealing: req.application.secretSealing, on: req.db)
        let organisation = try await req.organisation()
        let context = TwoFactorEnrolmentPage(
            layout: try await req.layout(titleKey: "enrolment.title", staffArea: true),
            formAction: SiteRoute.twoFactorEnrolment.path, secretGroups: SecondFactor.grouped(secret),
            provisioningURI: TOTP(secret: secret).provisioningURI(account: user.email, issuer: "Meedenken \(organisation.name)"),
            errors: errors)
        return try await req.render("Accounts/enrolment", context, status: status)
    }
}
