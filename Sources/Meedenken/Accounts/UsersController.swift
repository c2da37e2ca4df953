import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Administrators manage staff: create (with a one-time activation link), change role and teams,
/// disable, reset access. Users are never deleted; the audit log refers to them.
struct UsersController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .users, access: .staff(.manageUsers), use: list)
        routes.on(.GET, .newUser, access: .staff(.manageUsers), use: showNew)
        routes.on(.POST, .newUser, access: .staff(.manageUsers), staleForm: .reshow, use: create)
        routes.on(.GET, .user(id: .routePattern), access: .staff(.manageUsers), use: showEdit)
        routes.on(.POST, .user(id: .routePattern), access: .staff(.manageUsers), staleForm: .reshow, use: update)
        routes.on(.POST, .userAccessReset(id: .routePattern), access: .staff(.manageUsers), use: resetAccess)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let users = try await StaffUser.query(on: req.db).with(\.$teams).sort(\.$displayName).all()
        try await req.audit(.usersViewed, detail: "\(users.count) users")
        let rows = try users.map { user in
            UsersPage.Row(
                displayName: user.displayName, email: user.email, roleLabel: req.t(user.role.labelKey),
                teams: user.teams.map(\.name).sorted().joined(separator: ", "),
                statusLabel: req.t(status(of: user)), editHref: SiteRoute.user(id: try user.requireID()).path)
        }
        let context = UsersPage(layout: try await req.layout(titleKey: "users.title"), newUserHref: SiteRoute.newUser.path, rows: rows)
        return try await req.render("Admin/users", context)
    }

    private func status(of user: StaffUser) -> String {
        if user.isDisabled { return "users.status.disabled" }
        if user.passwordHash == nil { return "users.status.notActivated" }
        return user.hasSecondFactor ? "users.status.active2fa" : "users.status.active"
    }

    @Sendable func showNew(req: Request) async throws -> Response {
        try await formPage(req, user: nil, form: UserForm(role: Role.coordinator.rawValue, language: req.language.rawValue), errors: FormErrors())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.form(UserForm.self)
        var errors = req.staleFormErrors()
        let validated = try await validate(form, existing: nil, errors: &errors, req)
        guard !errors.hasErrors, let validated else {
            return try await formPage(req, user: nil, form: form, errors: errors, status: errors.general.isEmpty ? .unprocessableEntity : .ok)
        }
        let user = StaffUser(email: validated.email, displayName: validated.name, role: validated.role, language: validated.language, createdAt: req.now)
        let token = try await req.db.transaction { database in
            try await user.create(on: database)
            try await user.$teams.attach(validated.teams, on: database)
            return try await AccessLinkController.create(.activation, for: try user.requireID(), now: req.now, on: database)
        }
        try await req.audit(.userCreated, object: ("staff_user", try user.requireID().uuidString), detail: "role \(validated.role.rawValue)")
        return try await activationPage(req, user: user, token: token)
    }

    @Sendable func showEdit(req: Request) async throws -> Response {
        let user = try await findUser(req)
        let form = UserForm(
            displayName: user.displayName, email: user.email, role: user.role.rawValue, language: user.language.rawValue,
            teams: user.teams.compactMap { $0.id?.uuidString }, disabled: user.isDisabled ? "on" : nil)
        return try await formPage(req, user: user, form: form, errors: FormErrors())
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try await findUser(req)
        let userID = try user.requireID()
        let form = try req.form(UserForm.self)
        var errors = req.staleFormErrors()
        let validated = try await validate(form, existing: user, errors: &errors, req)
        let disable = form.disabled == "on"
        let staff = try req.requireStaff()
        if !errors.hasErrors, let validated {
            let losesAdministrator = user.role == .administrator && (validated.role != .administrator || disable)
            if userID == staff.userID && losesAdministrator {
                errors.addGeneral(req.t("users.error.selfDemotion"))
            } else if losesAdministrator,
                try await StaffUser.query(on: req.db).filter(\.$role == .administrator).filter(\.$isDisabled == false).count() <= 1
            {
                errors.addGeneral(req.t("users.error.lastAdministrator"))
            }
        }
        guard !errors.hasErrors, let validated else {
            return try await formPage(req, user: user, form: form, errors: errors, status: .unprocessableEntity)
        }
        let oldRole = user.role
        let oldTeams = Set(user.teams.compactMap(\.id))
        let wasDisabled = user.isDisabled
        user.displayName = validated.name
        user.email = validated.email
        user.role = validated.role
        user.language = validated.language
        user.isDisabled = disable
        try await req.db.transaction { database in
            try await user.save(on: database)
            try await user.$teams.detachAll(on: database)
            try await user.$teams.attach(validated.teams, on: database)
        }
        let object = ("staff_user", userID.uuidString)
        if oldRole != validated.role {
            try await req.audit(.userRoleChanged, object: object, detail: "\(oldRole.rawValue) -> \(validated.role.rawValue)")
        }
        if oldTeams != Set(validated.teams.compactMap(\.id)) {
            try await req.audit(.userTeamsChanged, object: object, detail: "\(validated.teams.count) teams")
        }
        if disable != wasDisabled {
            try await req.audit(disable ? .userDisabled : .userEnabled, object: object)
            if disable { try await SessionManager.endAll(of: userID, on: req.db) }
        }
        return req.redirect(to: SiteRoute.users.path)
    }

    /// Clears password and second factor, ends sessions, and makes a new activation link.
    @Sendable func resetAccess(req: Request) async throws -> Response {
        let user = try await findUser(req)
        let userID = try user.requireID()
        user.passwordHash = nil
        user.totpSecret = nil
        user.pendingTOTPSecret = nil
        user.totpLastStep = nil
        let token = try await req.db.transaction { database in
            try await user.save(on: database)
            try await RecoveryCode.query(on: database).filter(\.$user.$id == userID).delete()
            try await SessionManager.endAll(of: userID, on: database)
            return try await AccessLinkController.create(.activation, for: userID, now: req.now, on: database)
        }
        try await req.audit(.userAccessReset, object: ("staff_user", userID.uuidString))
        return try await activationPage(req, user: user, token: token)
    }

    private struct ValidatedUser {
        let name: String
        let email: String
        let role: Role
        let language: Language
        let teams: [Team]
    }

    private func validate(_ form: UserForm, existing: StaffUser?, errors: inout FormErrors, _ req: Request) async throws -> ValidatedUser? {
        guard !errors.hasErrors else { return nil }
        let name = form.displayName.trimmed
        if name.isEmpty || name.count > 200 { errors.add("displayName", req.t("user.error.name")) }
        let email = EmailAddress(form.email.trimmed)
        if let email {
            let clash = StaffUser.query(on: req.db).filter(\.$email == email.value)
            if let id = existing?.id { clash.filter(\.$id != id) }
            if try await clash.count() > 0 { errors.add("email", req.t("user.error.emailTaken")) }
        } else {
            errors.add("email", req.t("user.error.email"))
        }
        let role = Role(rawValue: form.role.trimmed)
        if role == nil { errors.add("role", req.t("user.error.role")) }
        let language = Language(rawValue: form.language.trimmed) ?? .default
        let teamIDs = (form.teams ?? []).compactMap(UUID.init(uuidString:))
        let teams = teamIDs.isEmpty ? [] : try await Team.query(on: req.db).filter(\.$id ~~ teamIDs).all()
        if teams.count != (form.teams ?? []).count { errors.add("teams", req.t("user.error.teamUnknown")) }
        if role?.isTeamScoped == true, teams.isEmpty { errors.add("teams", req.t("user.error.teamsRequired")) }
        guard !errors.hasErrors, let email, let role else { return nil }
        return ValidatedUser(name: name, email: email.value, role: role, language: language, teams: teams)
    }

    private func findUser(_ req: Request) async throws -> StaffUser {
        guard let id = req.parameters.get("userID", as: UUID.self),
            let user = try await StaffUser.query(on: req.db).filter(\.$id == id).with(\.$teams).first()
        else { throw UserFacingError(.notFound, "error.message.404") }
        return user
    }

    private func formPage(_ req: Request, user: StaffUser?, form: UserForm, errors: FormErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let allTeams = try await Team.query(on: req.db).sort(\.$name).all()
        let chosenTeams = Set(form.teams ?? [])
        let id = try user?.requireID()
        let context = UserFormPage(
            layout: try await req.layout(titleKey: user == nil ? "users.new.title" : "users.edit.title"),
            isNew: user == nil,
            formAction: id.map { SiteRoute.user(id: $0).path } ?? SiteRoute.newUser.path,
            resetAction: id.map { SiteRoute.userAccessReset(id: $0).path },
            displayName: form.displayName.trimmed, email: form.email.trimmed,
            roles: Role.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey), isSelected: $0.rawValue == form.role) },
            languages: Language.allCases.map { .init(value: $0.rawValue, label: $0.nativeName, isSelected: $0.rawValue == form.language) },
            teams: allTeams.compactMap { team in
                team.id.map { .init(value: $0.uuidString, label: team.name, isSelected: chosenTeams.contains($0.uuidString)) }
            },
            hasTeams: !allTeams.isEmpty, isDisabled: form.disabled == "on", backHref: SiteRoute.users.path, errors: errors)
        return try await req.render("Admin/userForm", context, status: status)
    }

    private func activationPage(_ req: Request, user: StaffUser, token: String) async throws -> Response {
        let url = req.application.config.publicBaseURL.absoluteString + SiteRoute.activation(token: token).path
        let context = ActivationLinkPage(
            layout: try await req.layout(titleKey: "users.activation.title"), displayName: user.displayName,
            activationURL: url, validDays: Int(AccessLinkController.activationLifetime / 86400), backHref: SiteRoute.users.path)
        return try await req.render("Admin/activationLink", context)
    }
}
