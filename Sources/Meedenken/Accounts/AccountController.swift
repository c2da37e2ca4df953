import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// A staff member's own account: language, password, e-mail, second factor. Every change of
/// password, e-mail or second factor asks for the current password again (re-authentication),
/// and is told to the person by mail (`AccountMail`). A new e-mail address counts only once the
/// link mailed to it is followed (`EmailChangeController`).
struct AccountController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .account, access: .staff(.useStaffArea), use: show)
        routes.on(.POST, .accountPassword, access: .staff(.useStaffArea), staleForm: .reshow, use: changePassword)
        routes.on(.POST, .accountEmail, access: .staff(.useStaffArea), staleForm: .reshow, use: changeEmail)
        routes.on(.POST, .accountLanguage, access: .staff(.useStaffArea), use: changeLanguage)
        routes.on(.POST, .accountTwoFactor, access: .staff(.useStaffArea), staleForm: .reshow, use: changeTwoFactor)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let notice = req.querySaved.flatMap {
            ["password", "emailPending", "language"].contains($0) ? req.t("account.done.\($0)") : nil
        }
        return try await page(req, notice: notice, errorsFor: "", errors: FormErrors())
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let form = try req.form(PasswordChangeForm.self)
        var errors = req.staleFormErrors()
        let user = try await currentUser(req)
        if !errors.hasErrors {
            if !(try await req.verifyPassword(form.currentPassword ?? "", against: user.passwordHash)) {
                errors.add("currentPassword", req.t("account.error.currentPassword"))
            }
            let newPassword = form.newPassword ?? ""
            if let problem = req.passwordProblem(newPassword) {
                errors.add("newPassword", problem)
            } else if newPassword != (form.newPasswordRepeat ?? "") {
                errors.add("newPasswordRepeat", req.t("password.mismatch"))
            }
        }
        if errors.hasErrors { return try await page(req, errorsFor: "password", errors: errors, status: .unprocessableEntity) }
        user.passwordHash = try await req.hashPassword(form.newPassword ?? "")
        try await user.save(on: req.db)
        let staff = try req.requireStaff()
        // A new password ends every other session (ASVS 3.3.3); this browser stays signed in.
        try await SessionManager.endAll(of: staff.userID, except: staff.sessionID, on: req.db)
        try await req.audit(.passwordChanged, object: ("staff_user", staff.userID.uuidString))
        try await req.queueAccountNotice(.password, for: user)
        return req.redirect(to: SiteRoute.account.path(.saved("password")))
    }

    @Sendable func changeEmail(req: Request) async throws -> Response {
        let form = try req.form(EmailChangeForm.self)
        var errors = req.staleFormErrors()
        let user = try await currentUser(req)
        let newEmail = EmailAddress(form.newEmail.trimmed)
        if !errors.hasErrors {
            if !(try await req.verifyPassword(form.currentPassword ?? "", against: user.passwordHash)) {
                errors.add("emailCurrentPassword", req.t("account.error.currentPassword"))
            }
            if let newEmail {
                if newEmail.value == user.email {
                    errors.add("newEmail", req.t("account.error.sameEmail"))
                } else if try await StaffUser.query(on: req.db).filter(\.$email == newEmail.value).filter(\.$id != user.requireID()).count() > 0 {
                    errors.add("newEmail", req.t("user.error.emailTaken"))
                }
            } else {
                errors.add("newEmail", req.t("user.error.email"))
            }
        }
        if errors.hasErrors {
            return try await page(req, newEmail: form.newEmail.trimmed, errorsFor: "email", errors: errors, status: .unprocessableEntity)
        }
        let userID = try user.requireID()
        let token = SecureToken.generate()
        let expires = req.now.addingTimeInterval(EmailChange.lifetime)
        // A newer request replaces an older one: only the latest link works.
        try await req.db.transaction { database in
            try await EmailChange.query(on: database).filter(\.$user.$id == userID).delete()
            try await EmailChange(userID: userID, newEmail: newEmail!.value, tokenHash: SecureToken.hash(token), expiresAt: expires).create(on: database)
        }
        try await req.audit(.emailChangeRequested, object: ("staff_user", userID.uuidString), detail: OutboxSender.masked(newEmail!.value))
        try await req.queueEmailConfirmation(for: user, to: newEmail!.value, token: token, expires: expires)
        return req.redirect(to: SiteRoute.account.path(.saved("emailPending")))
    }

    @Sendable func changeLanguage(req: Request) async throws -> Response {
        let form = try req.form(LanguageForm.self)
        guard let language = Language(rawValue: form.language.trimmed) else {
            throw UserFacingError(.badRequest, "language.error.unknown")
        }
        let user = try await currentUser(req)
        user.language = language
        try await user.save(on: req.db)
        return req.redirect(to: SiteRoute.account.path(.saved("language")))
    }

    @Sendable func changeTwoFactor(req: Request) async throws -> Response {
        let form = try req.form(TwoFactorChangeForm.self)
        var errors = req.staleFormErrors()
        let user = try await currentUser(req)
        let staff = try req.requireStaff()
        if !errors.hasErrors, !(try await req.verifyPassword(form.currentPassword ?? "", against: user.passwordHash)) {
            errors.add("twoFactorCurrentPassword", req.t("account.error.currentPassword"))
        }
        if errors.hasErrors { return try await page(req, errorsFor: "twoFactor", errors: errors, status: .unprocessableEntity) }
        switch form.action {
        case "codes" where user.hasSecondFactor:
            let codes = RecoveryCodes.generate()
            try await SecondFactor.replaceRecoveryCodes(of: staff.userID, with: codes, sealing: req.application.secretSealing, on: req.db)
            try await req.audit(.recoveryCodesRegenerated, object: ("staff_user", staff.userID.uuidString))
            try await req.queueAccountNotice(.recoveryCodes, for: user)
            return try await req.render(
                "Accounts/recoveryCodes",
                RecoveryCodesPage(layout: try await req.layout(titleKey: "recoveryCodes.title"), codes: codes, continueHref: SiteRoute.account.path))
        case "reset":
            // Start over with a new authenticator: every session ends, this one goes back to set-up.
            user.totpSecret = nil
            user.pendingTOTPSecret = nil
            user.totpLastStep = nil
            try await user.save(on: req.db)
            try await RecoveryCode.query(on: req.db).filter(\.$user.$id == staff.userID).delete()
            try await SessionManager.endAll(of: staff.userID, except: staff.sessionID, on: req.db)
            try await req.queueAccountNotice(.secondFactorReset, for: user)
            let response = req.redirect(to: SiteRoute.twoFactorEnrolment.path)
            try await req.sessions.advance(user: user, to: .passwordVerified, on: response)
            return response
        default:
            throw UserFacingError(.badRequest, "error.formUnreadable")
        }
    }

    private func currentUser(_ req: Request) async throws -> StaffUser {
        let staff = try req.requireStaff()
        guard let user = try await StaffUser.find(staff.userID, on: req.db) else {
            throw UserFacingError(.unauthorized, "error.loginRequired")
        }
        return user
    }

    private func page(
        _ req: Request, notice: String? = nil, newEmail: String = "", errorsFor: String, errors: FormErrors,
        status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let staff = try req.requireStaff()
        let unused = try await RecoveryCode.query(on: req.db)
            .filter(\.$user.$id == staff.userID).filter(\.$usedAt == nil).count()
        let pending = try await EmailChange.query(on: req.db).filter(\.$user.$id == staff.userID).filter(\.$expiresAt > req.now).first()
        let context = AccountPage(
            layout: try await req.layout(titleKey: "account.title"),
            displayName: staff.displayName, email: staff.email, roleLabel: req.t(staff.role.labelKey),
            hasSecondFactor: staff.hasSecondFactor, unusedRecoveryCodes: unused, notice: notice,
            languages: Language.allCases.map { .init(value: $0.rawValue, label: $0.nativeName, isSelected: $0 == staff.language) },
            passwordAction: SiteRoute.accountPassword.path, emailAction: SiteRoute.accountEmail.path,
            languageAction: SiteRoute.accountLanguage.path, twoFactorAction: SiteRoute.accountTwoFactor.path,
            newEmail: newEmail, pendingEmail: pending?.newEmail, errorsFor: errorsFor, errors: errors, minimumLength: PasswordPolicy.minimumLength)
        return try await req.render("Accounts/account", context, status: status)
    }
}
