import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// "Mijn gegevens": a member's own page, opened with the link in any mail we sent them (no
/// password). They see everything stored about them, change it, pause, choose fewer requests,
/// download it all, renew or withdraw consent, and delete the membership.
struct MyDataController {
    /// Link requests per address per window.
    static let linkRequestsPerAddress = 10

    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .myDataLink, access: .anyone, use: showLinkRequest)
        routes.on(.POST, .myDataLink, access: .anyone, staleForm: .reshow, use: requestLink)
        routes.on(.GET, .myData(token: ""), access: .anyone, use: show)
        routes.on(.POST, .myData(token: ""), access: .anyone, staleForm: .reshow, use: save)
        routes.on(.GET, .myDataDownload(token: ""), access: .anyone, use: download)
        routes.on(.POST, .myDataDelete(token: ""), access: .anyone, use: delete)
    }

    @Sendable func showLinkRequest(req: Request) async throws -> Response {
        try await linkRequestPage(req, email: "", errors: FormErrors(), sent: false)
    }

    /// Mails a new link when the address is a member's; the page says the same either way.
    @Sendable func requestLink(req: Request) async throws -> Response {
        let form = try req.form(LinkForm.self)
        var errors = req.staleFormErrors()
        guard !errors.hasErrors else { return try await linkRequestPage(req, email: form.email.trimmed, errors: errors, sent: false) }
        let fields = try FormFields.parse(req)
        if !(fields[AnsweringController.honeypotField]?.first ?? "").isEmpty { return try await linkRequestPage(req, email: "", errors: errors, sent: true) }
        guard let address = EmailAddress(form.email.trimmed) else {
            errors.add("email", req.t("signUp.error.email"))
            return try await linkRequestPage(req, email: form.email.trimmed, errors: errors, sent: false)
        }
        do {
            try await req.limitByAddress("panel-link", limit: Self.linkRequestsPerAddress)
        } catch let error as UserFacingError where error.status == .tooManyRequests {
            errors.addGeneral(req.t("error.tooManyRequests"))
            return try await linkRequestPage(req, email: form.email.trimmed, errors: errors, sent: false)
        }
        if let member = try await PanelMember.query(on: req.db).filter(\.$emailHash == PanelMember.hash(email: address.value)).first() {
            try await req.mailIfAllowed(to: member) {
                if member.status == .unconfirmed {
                    try await req.mailConfirmation(to: member)
                } else {
                    try await req.mailManageLink(.manageLink, to: member)
                }
            }
        }
        return try await linkRequestPage(req, email: "", errors: errors, sent: true)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let member = try await member(req)
        return try await page(req, member: member, form: nil, errors: FormErrors(), notice: nil)
    }

    @Sendable func save(req: Request) async throws -> Response {
        let member = try await member(req)
        let form = try req.form(MyDataForm.self)
        let errors = req.staleFormErrors()
        if errors.hasErrors { return try await page(req, member: member, form: form, errors: errors, notice: nil) }
        // A button pressed twice (a double tap, or again after going back) shows the page as it
        // is now; it never falls through to saving the form below.
        switch form.action.trimmed {
        case "pause":
            if member.status == .active {
                member.status = .paused
                member.updatedAt = req.now
                try await member.save(on: req.db)
            }
            return try await page(req, member: member, form: nil, errors: errors, notice: member.status == .paused ? "myData.paused" : nil)
        case "resume":
            if member.status == .paused {
                member.status = .active
                member.updatedAt = req.now
                try await member.save(on: req.db)
            }
            return try await page(req, member: member, form: nil, errors: errors, notice: member.status == .active ? "myData.resumed" : nil)
        case "renew":
            guard member.isMember else { return try await page(req, member: member, form: nil, errors: errors, notice: nil) }
            switch try await PanelMembership(req: req).renew(member, parentEmail: form.parentEmail) {
            case .renewed: return try await page(req, member: member, form: nil, errors: errors, notice: "myData.renewed")
            case .parentAsked: return try await page(req, member: member, form: nil, errors: errors, notice: "myData.renewalParentAsked")
            case .parentAddressNeeded:
                var needed = errors
                needed.add("parentEmail", req.t("myData.error.parentEmail"))
                return try await page(req, member: member, form: nil, errors: needed, notice: nil)
            }
        default:
            let teams = Dictionary(uniqueKeysWithValues: try await Team.query(on: req.db).all().compactMap { team in team.id.map { ($0, team.$region.id) } })
            let found = form.apply(to: member, req: req, teams: teams)
            guard !found.hasErrors else { return try await page(req, member: member, form: form, errors: found, notice: nil) }
            member.updatedAt = req.now
            try await member.save(on: req.db)
            return try await page(req, member: member, form: nil, errors: found, notice: "myData.saved")
        }
    }

    /// Everything stored about the member, as JSON (the page itself is the readable form).
    @Sendable func download(req: Request) async throws -> Response {
        let member = try await member(req)
        let consents = try await PanelConsent.query(on: req.db).filter(\.$member.$id == member.requireID()).sort(\.$agreedAt).all()
        let team = try await Team.find(member.teamID, on: req.db)
        let export = MyDataExport(member: member, consents: consents, teamName: team?.name, calendar: req.application.calendar)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let response = Response(status: .ok, body: .init(data: try encoder.encode(export)))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"mijn-gegevens.json\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// Withdraws consent and deletes the membership, after one more press on a page that says
    /// what will happen (a single tap on a phone should not end it by accident).
    @Sendable func delete(req: Request) async throws -> Response {
        let member = try await member(req)
        let fields = try FormFields.parse(req)
        guard fields["zeker"]?.first == "ja" else {
            let layout = try await req.layout(titleKey: "myData.deleteHeading", staffArea: false)
            let token = req.parameters.get("token") ?? ""
            return try await req.render(
                "Panel/myDataDeleteConfirm",
                MyDataDeleteConfirmPage(
                    layout: layout, deleteAction: SiteRoute.myDataDelete(token: token).path, backHref: SiteRoute.myData(token: token).path))
        }
        try await PanelMembership.delete(member, on: req.db, store: req.store, month: req.application.calendar.month(req.now))
        let layout = try await req.layout(titleKey: "myData.deleted.title", staffArea: false)
        return try await req.render("Panel/myDataDeleted", MyDataDeletedPage(layout: layout, signUpHref: SiteRoute.panelSignUp.path))
    }

    /// The member behind the link in the path; an unknown or expired link says how to get a new one.
    private func member(_ req: Request) async throws -> PanelMember {
        guard let (_, member) = try await req.panelLinks.find(req.parameters.get("token") ?? "", purpose: .manage) else {
            throw UserFacingError(.notFound, "myData.invalid")
        }
        return member
    }

    private func page(_ req: Request, member: PanelMember, form: MyDataForm?, errors: FormErrors, notice: String?) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let consents = try await PanelConsent.query(on: req.db).filter(\.$member.$id == member.requireID()).sort(\.$agreedAt).all()
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let context = MyDataPage(
            layout: try await req.layout(titleKey: "myData.title", staffArea: false), member: member, form: form, consents: consents, teams: teams,
            req: req, errors: errors, notice: notice.map { req.t($0) }, formAction: SiteRoute.myData(token: token).path,
            downloadHref: SiteRoute.myDataDownload(token: token).path, deleteAction: SiteRoute.myDataDelete(token: token).path)
        let response = try await req.render("Panel/myData", context)
        if errors.hasErrors { response.status = .unprocessableEntity }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    private func linkRequestPage(_ req: Request, email: String, errors: FormErrors, sent: Bool) async throws -> Response {
        let context = MyDataLinkPage(
            layout: try await req.layout(titleKey: "myData.link.title", staffArea: false), formAction: SiteRoute.myDataLink.path, email: email,
            errors: errors, sent: sent)
        let response = try await req.render("Panel/myDataLink", context)
        if errors.hasErrors { response.status = .unprocessableEntity }
        return response
    }
}
