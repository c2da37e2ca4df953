import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// "Denk mee": the public sign-up to think along, with double opt-in. Nothing is used before the
/// address is confirmed (and, for 12 to 15, a parent confirmed too). A second sign-up with a
/// known address never makes a second member and never shows that the address is known: the
/// page says the same, and the mail says "you are already signed up, here is your link".
struct SignUpController {
    /// Sign-ups per address per window: a person needs one, a script many.
    static let signUpsPerAddress = 10

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .panelSignUp, access: .anyone, use: show)
        routes.on(.POST, .panelSignUp, access: .anyone, staleForm: .reshow, use: signUp)
        routes.on(.GET, .panelSignUpSent, access: .anyone, use: sent)
        routes.on(.GET, .panelConfirm(token: ""), access: .anyone, use: showConfirm)
        routes.on(.POST, .panelConfirm(token: ""), access: .anyone, use: confirm)
        routes.on(.GET, .panelParentConfirm(token: ""), access: .anyone, use: showParentConfirm)
        routes.on(.POST, .panelParentConfirm(token: ""), access: .anyone, use: confirmByParent)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, form: SignUpForm(), errors: FormErrors())
    }

    @Sendable func signUp(req: Request) async throws -> Response {
        let form = try req.form(SignUpForm.self)
        var errors = req.staleFormErrors()
        if errors.hasErrors { return try await page(req, form: form, errors: errors) }
        let fields = try FormFields.parse(req)
        if !(fields[AnsweringController.honeypotField]?.first ?? "").isEmpty { return req.redirect(to: SiteRoute.panelSignUpSent.path) }
        let teams = Set(try await Team.query(on: req.db).all().compactMap(\.id))
        let (valid, found) = form.validate(req, teams: teams, rule: req.application.config.panel.consent)
        errors = found
        guard let valid else { return try await page(req, form: form, errors: errors) }
        do {
            try await req.limitByAddress("panel-sign-up", limit: Self.signUpsPerAddress)
        } catch let error as UserFacingError where error.status == .tooManyRequests {
            // The form comes back with everything entered, and says to wait.
            errors.addGeneral(req.t("error.tooManyRequests"))
            return try await page(req, form: form, errors: errors)
        }
        try await SignUpIntake(req: req).take(valid, source: valid.byParent ? .parent : .themselves)
        return req.redirect(to: SiteRoute.panelSignUpSent.path)
    }

    @Sendable func sent(req: Request) async throws -> Response {
        try await req.render(
            "Panel/signUpSent", SignUpSentPage(layout: try await req.layout(titleKey: "signUp.sent.title", staffArea: false), homeHref: SiteRoute.home.path)
        )
    }

    @Sendable func showConfirm(req: Request) async throws -> Response {
        try await confirmationPage(req, purpose: .confirm, done: false)
    }

    /// A button, not the link itself, confirms: mail scanners open links by themselves.
    @Sendable func confirm(req: Request) async throws -> Response {
        guard let (link, member) = try await req.panelLinks.find(req.parameters.get("token") ?? "", purpose: .confirm) else {
            throw UserFacingError(.gone, "signUp.confirm.invalid")
        }
        guard try await req.store.useUpPanelLink(link.requireID()) else { throw UserFacingError(.gone, "signUp.confirm.invalid") }
        if member.status == .unconfirmed { try await PanelMembership(req: req).confirm(member) }
        return try await confirmationPage(req, purpose: .confirm, done: true, member: member)
    }

    @Sendable func showParentConfirm(req: Request) async throws -> Response {
        try await confirmationPage(req, purpose: .parentConfirm, done: false)
    }

    @Sendable func confirmByParent(req: Request) async throws -> Response {
        guard let (link, member) = try await req.panelLinks.find(req.parameters.get("token") ?? "", purpose: .parentConfirm) else {
            throw UserFacingError(.gone, "signUp.parentConfirm.invalid")
        }
        guard try await req.store.useUpPanelLink(link.requireID()) else { throw UserFacingError(.gone, "signUp.parentConfirm.invalid") }
        // Waiting for the parent at sign-up, or a member whose renewal a parent was asked for.
        if member.status == .awaitingParent || (member.isMember && member.parentEmail != nil) {
            try await PanelMembership(req: req).confirmByParent(member)
        }
        return try await confirmationPage(req, purpose: .parentConfirm, done: true, member: member)
    }

    private func confirmationPage(_ req: Request, purpose: PanelLink.Purpose, done: Bool, member: PanelMember? = nil) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        var shown = member
        if shown == nil {
            guard let found = try await req.panelLinks.find(token, purpose: purpose) else {
                throw UserFacingError(.gone, purpose == .parentConfirm ? "signUp.parentConfirm.invalid" : "signUp.confirm.invalid")
            }
            shown = found.member
        }
        let isParent = purpose == .parentConfirm
        let waitsForParent = shown?.status == .awaitingParent && !isParent
        let context = SignUpConfirmationPage(
            layout: try await req.layout(titleKey: isParent ? "signUp.parentConfirm.title" : "signUp.confirm.title", staffArea: false),
            firstName: shown?.firstName ?? "", isParent: isParent, done: done, waitsForParent: waitsForParent,
            formAction: (isParent ? SiteRoute.panelParentConfirm(token: token) : SiteRoute.panelConfirm(token: token)).path)
        return try await req.render("Panel/confirm", context)
    }

    func page(_ req: Request, form: SignUpForm, errors: FormErrors) async throws -> Response {
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let rule = req.application.config.panel.consent
        let layout = try await req.layout(titleKey: "signUp.title", staffArea: false)
        let context = SignUpPage(
            layout: layout, formAction: SiteRoute.panelSignUp.path, errors: errors, form: SignUpPage.Values(form, req: req),
            teams: teams.map {
                SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, isSelected: $0.id?.uuidString == form.team.trimmed)
            }, consentText: req.t("signUp.consentRule", ["own": String(rule.ownConsentFrom), "parent": String(rule.withParentFrom)]),
            capText: req.t("signUp.cap", ["weeks": String(max(1, req.application.config.panel.contactCap.days / 7))]),
            privacyHref: SiteRoute.privacy.path, myDataHref: SiteRoute.myDataLink.path, ownAge: rule.ownConsentFrom)
        let response = try await req.render("Panel/signUp", context)
        if errors.hasErrors { response.status = .unprocessableEntity }
        return response
    }
}

/// Takes a valid sign-up (from the public form or a caseworker's proposal): a new address becomes
/// an unconfirmed sign-up with a confirmation mail; a known one gets a mail with its own link.
/// Mails to one address are limited per window, whoever asks and from wherever: nobody can flood
/// a mailbox through the form (the page looks the same either way).
struct SignUpIntake {
    let req: Request

    func take(_ signUp: SignUpForm.Valid, source: PanelMember.Source) async throws {
        let hash = PanelMember.hash(email: signUp.email)
        if let known = try await PanelMember.query(on: req.db).filter(\.$emailHash == hash).first() {
            try await resubmit(signUp, source: source, over: known)
            return
        }
        let member = PanelMember()
        member.email = signUp.email
        member.emailHash = hash
        member.createdAt = req.now
        fill(member, with: signUp, source: source)
        try await setRegion(of: member)
        do {
            try await member.create(on: req.db)
        } catch {
            // The same address at the same moment (a double click): the first one stands.
            guard (error as? any DatabaseError)?.isConstraintFailure == true,
                let known = try await PanelMember.query(on: req.db).filter(\.$emailHash == hash).first()
            else { throw error }
            try await resubmit(signUp, source: source, over: known)
            return
        }
        try await mailIfAllowed(member) { try await req.mailConfirmation(to: member) }
    }

    /// A sign-up with an address we know. A member keeps their data and gets their link. A
    /// sign-up nobody confirmed yet (or waiting for a parent) takes the newest form and starts
    /// again from the address's own confirmation: only the owner of the mailbox can move it on, so
    /// an earlier form by someone else (with their address as the "parent") does not stand.
    private func resubmit(_ signUp: SignUpForm.Valid, source: PanelMember.Source, over known: PanelMember) async throws {
        switch known.status {
        case .active, .paused:
            try await mailIfAllowed(known) { try await req.mailManageLink(.alreadySignedUp, to: known) }
        case .unconfirmed, .awaitingParent:
            fill(known, with: signUp, source: source)
            known.confirmedAt = nil
            try await setRegion(of: known)
            try await known.save(on: req.db)
            // The earlier links stop only when a new one is mailed: someone who knows the address
            // cannot, by signing up again and again, leave its owner without a working link.
            try await mailIfAllowed(known) {
                try await PanelLink.query(on: req.db).filter(\.$member.$id == known.requireID()).delete()
                try await req.mailConfirmation(to: known)
            }
        }
    }

    private func fill(_ member: PanelMember, with signUp: SignUpForm.Valid, source: PanelMember.Source) {
        member.firstName = signUp.firstName
        member.phone = signUp.phone
        member.role = signUp.role.rawValue
        member.birthYear = signUp.birthYear
        member.language = signUp.language.rawValue
        member.ways = signUp.ways.map(\.rawValue).joined(separator: ",")
        member.topics = signUp.topics.joined(separator: ",")
        member.teamID = signUp.teamID
        member.regionID = nil
        member.needs = signUp.needs.map(\.rawValue).joined(separator: ",")
        member.status = .unconfirmed
        member.consentRule = signUp.requirement.rawValue
        member.source = source
        member.parentEmail = signUp.parentEmail
        member.updatedAt = req.now
    }

    private func setRegion(of member: PanelMember) async throws {
        if let teamID = member.teamID { member.regionID = try await Team.find(teamID, on: req.db)?.$region.id }
    }

    private func mailIfAllowed(_ member: PanelMember, _ send: () async throws -> Void) async throws {
        try await req.mailIfAllowed(to: member, send)
    }
}
