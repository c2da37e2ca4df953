import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// A caseworker proposes someone who said they would like to think along: the person gets the
/// same confirmation mail as a public sign-up and decides themselves. The caseworker sees the
/// same "mail sent" whatever happens next (and whether the address was known), and nothing more.
struct PanelProposalController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .panelProposal, access: .staff(.proposePanelMembers), use: show)
        routes.on(.POST, .panelProposal, access: .staff(.proposePanelMembers), staleForm: .reshow, use: propose)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, form: ProposalForm(), errors: FormErrors(), sent: req.querySaved != nil)
    }

    @Sendable func propose(req: Request) async throws -> Response {
        let form = try req.form(ProposalForm.self)
        var errors = req.staleFormErrors()
        let name = form.firstName.trimmed
        if name.isEmpty || name.count > 60 { errors.add("firstName", req.t("signUp.error.firstName")) }
        let address = EmailAddress(form.email.trimmed)
        if address == nil { errors.add("email", req.t("signUp.error.email")) }
        // Youths are proposed through a parent's sign-up or sign up themselves: their age rule
        // needs a birth year and perhaps a parent, which is theirs to give.
        let role = PanelRole(rawValue: form.role.trimmed)
        if role == nil || role == .youth { errors.add("role", req.t("panel.proposal.error.role")) }
        if form.agreed != "on" { errors.add("agreed", req.t("panel.proposal.error.agreed")) }
        guard !errors.hasErrors, let address, let role else { return try await page(req, form: form, errors: errors, sent: false) }
        let valid = SignUpForm.Valid(
            firstName: name, email: address.value, phone: nil, role: role, byParent: false, birthYear: nil, parentEmail: nil,
            language: Language(rawValue: form.language.trimmed) ?? .default, ways: [.panelQuestionnaires], topics: [], teamID: nil, needs: [],
            requirement: .own)
        try await SignUpIntake(req: req).take(valid, source: .caseworker)
        try await req.audit(.panelMemberProposed)
        return req.redirect(to: SiteRoute.panelProposal.path(.saved()))
    }

    private func page(_ req: Request, form: ProposalForm, errors: FormErrors, sent: Bool) async throws -> Response {
        let context = PanelProposalPage(
            layout: try await req.layout(titleKey: "panel.proposal.title", staffArea: true), formAction: SiteRoute.panelProposal.path, errors: errors,
            sent: sent, firstName: form.firstName.trimmed, email: form.email.trimmed,
            roles: [PanelRole.parent, .fosterParent].map {
                SelectOption(value: $0.rawValue, label: req.t("panel.role.\($0.rawValue)"), isSelected: form.role.trimmed == $0.rawValue)
            },
            languages: Language.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("panel.language.\($0.rawValue)"), isSelected: form.language.trimmed == $0.rawValue)
            }, agreed: form.agreed == "on")
        let response = try await req.render("Panel/proposal", context)
        if errors.hasErrors { response.status = .unprocessableEntity }
        return response
    }
}
