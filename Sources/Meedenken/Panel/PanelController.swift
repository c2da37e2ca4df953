import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The panel for staff. Coordinators see the members of a segment, one member's data, and send a
/// panel questionnaire; everyone else in the staff area sees counts only, small ones hidden as in
/// results. Looking at members, exporting contacts and deleting on request are audit-logged.
struct PanelController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .panel, access: .staff(.useStaffArea), use: overview)
        routes.on(.GET, .panelMember(id: .routePattern), access: .staff(.coordinateParticipation), use: member)
        routes.on(.POST, .panelMemberDelete(id: .routePattern), access: .staff(.coordinateParticipation), use: deleteMember)
        routes.on(.GET, .panelExport, access: .staff(.exportPanelContacts), use: export)
        routes.on(.POST, .panelSend, access: .staff(.coordinateParticipation), staleForm: .reshow, use: send)
        routes.on(.POST, .panelPopulation, access: .staff(.coordinateParticipation), use: savePopulation)
    }

    @Sendable func overview(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        guard PermissionTable.allows(staff.role, .coordinateParticipation) else {
            // Counts of the whole panel, one breakdown at a time and never filtered (two filtered
            // counts could be subtracted to find a group below the minimum), as it stood at the
            // start of the month: a caseworker who proposed someone cannot watch the count move
            // when that person confirms.
            // The first look in a month stores the counts, and every look that month shows those:
            // a member who leaves or changes their language never shows as a difference.
            let monthStart = PanelCountsPage.startOfMonth(req)
            let month = req.application.calendar.month(monthStart)
            let counts: [String: Int]
            if let stored = try await req.store.panelCountSnapshot(month: month) {
                counts = stored
            } else {
                let members = try await req.panelRoster.members(in: PanelSegment()).filter { ($0.confirmedAt ?? req.now) < monthStart }
                counts = try await req.store.keepPanelCountSnapshot(month: month, counts: PanelCountsPage.counts(members))
            }
            let minimum = try await req.organisation().minimumGroupSize
            let context = PanelCountsPage(
                layout: try await req.layout(titleKey: "panel.title", staffArea: true),
                breakdowns: PanelCountsPage.breakdowns(counts, req: req, minimum: minimum), minimum: minimum,
                asOf: req.application.calendar.formatted(monthStart, language: req.language, withTime: false),
                proposalHref: PermissionTable.allows(staff.role, .proposePanelMembers) ? SiteRoute.panelProposal.path : nil)
            return try await req.render("Panel/counts", context)
        }
        let segment = PanelSegment(query: req)
        let members = try await req.panelRoster.members(in: segment)
        let filters = try await PanelFilters(req: req, segment: segment)
        try await req.audit(.panelMembersViewed, detail: SiteQuery.encoded(segment.queryItems))
        let questionnaires = try await Questionnaire.query(on: req.db).filter(\.$isOpen == true).filter(\.$anonymous == true).sort(\.$key).all()
        let health = try await PanelHealth.read(req)
        let context = PanelPage(
            layout: try await req.layout(titleKey: "panel.title", staffArea: true), filters: filters, members: members, req: req,
            questionnaires: questionnaires, segment: segment, health: health,
            exportHref: PermissionTable.allows(staff.role, .exportPanelContacts) ? SiteRoute.panelExport.path(segment.queryItems) : nil,
            proposalHref: SiteRoute.panelProposal.path, sendAction: SiteRoute.panelSend.path, errors: FormErrors(), sent: nil)
        return try await req.render("Panel/panel", context)
    }

    @Sendable func member(req: Request) async throws -> Response {
        let member = try await findMember(req)
        try await req.audit(.panelMembersViewed, object: ("panel_member", try member.requireID().uuidString))
        let consents = try await PanelConsent.query(on: req.db).filter(\.$member.$id == member.requireID()).sort(\.$agreedAt).all()
        let teams = try await Team.query(on: req.db).sort(\.$name).all()
        let layout = try await req.layout(titleKey: "panel.member.title", titleArguments: ["name": member.firstName], staffArea: true)
        let page = MyDataPage(
            layout: layout, member: member, form: nil, consents: consents, teams: teams, req: req, errors: FormErrors(), notice: nil, formAction: "",
            downloadHref: "", deleteAction: SiteRoute.panelMemberDelete(id: try member.requireID()).path)
        return try await req.render("Panel/member", PanelMemberPage(page: page, backHref: SiteRoute.panel.path))
    }

    /// A member's request by mail or phone ("please delete me"): the same delete as their own.
    @Sendable func deleteMember(req: Request) async throws -> Response {
        let member = try await findMember(req)
        let id = try member.requireID()
        try await PanelMembership.delete(member, on: req.db, store: req.store, month: req.application.calendar.month(req.now))
        try await req.audit(.panelMemberDeleted, object: ("panel_member", id.uuidString))
        return req.redirect(to: SiteRoute.panel.path(.saved("deleted")))
    }

    /// The segment's contact list as CSV: only with its own permission, and logged.
    @Sendable func export(req: Request) async throws -> Response {
        let segment = PanelSegment(query: req)
        let members = try await req.panelRoster.members(in: segment).filter { $0.status == .active }
        try await req.audit(.panelContactsExported, detail: "\(SiteQuery.encoded(segment.queryItems)) (\(members.count))")
        var lines = [CSVLine.make(["first_name", "email", "phone", "language", "role", "needs"], separator: ";")]
        for member in members {
            lines.append(
                CSVLine.make(
                    [member.firstName, member.email, member.phone ?? "", member.language, member.role, member.needs.replacingOccurrences(of: ",", with: " ")],
                    separator: ";"))
        }
        let response = Response(status: .ok, body: .init(string: lines.joined()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"panel-contacten.csv\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func send(req: Request) async throws -> Response {
        let form = try req.form(SendForm.self)
        let fields = try FormFields.parse(req)
        let segment = PanelSegment { fields[$0]?.first }
        var errors = req.staleFormErrors()
        let questionnaire = try await Questionnaire.find(UUID(uuidString: form.questionnaire.trimmed), on: req.db)
        if questionnaire == nil || questionnaire?.isOpen != true { errors.add("questionnaire", req.t("panel.send.error.questionnaire")) }
        let sizeText = form.sampleSize.trimmed
        let sampleSize = Int(sizeText)
        // A sample smaller than the minimum group size would show, by its response rate, whether
        // one or two named people answered.
        let minimum = try await req.organisation().minimumGroupSize
        if !sizeText.isEmpty && (sampleSize ?? 0) < minimum {
            errors.add("sampleSize", req.t("panel.send.error.sampleSize", ["minimum": String(minimum)]))
        }
        if let questionnaire, !questionnaire.anonymous { errors.add("questionnaire", req.t("panel.send.error.anonymous")) }
        var outcome: PanelSending.Outcome?
        if !errors.hasErrors, let questionnaire {
            let sending = PanelSending(database: req.db, config: req.application.config, calendar: req.application.calendar, now: req.now)
            let sent = try await sending.send(questionnaire, to: segment, sampleSize: sizeText.isEmpty ? nil : sampleSize)
            if sent.tooFew {
                errors.add("sampleSize", req.t("panel.send.error.tooFew", ["minimum": String(sent.minimumGroupSize)]))
            } else {
                outcome = sent
                let detail = "\(SiteQuery.encoded(segment.queryItems)) seed=\(sent.seed) invited=\(sent.invited) over_cap=\(sent.overCap)"
                try await req.audit(.panelQuestionnaireSent, object: ("questionnaire", try questionnaire.requireID().uuidString), detail: detail)
            }
        }
        let members = try await req.panelRoster.members(in: segment)
        let context = PanelPage(
            layout: try await req.layout(titleKey: "panel.title", staffArea: true), filters: try await PanelFilters(req: req, segment: segment),
            members: members, req: req,
            questionnaires: try await Questionnaire.query(on: req.db).filter(\.$isOpen == true).filter(\.$anonymous == true).sort(\.$key).all(),
            segment: segment, health: try await PanelHealth.read(req),
            exportHref: PermissionTable.allows(try req.requireStaff().role, .exportPanelContacts) ? SiteRoute.panelExport.path(segment.queryItems) : nil,
            proposalHref: SiteRoute.panelProposal.path, sendAction: SiteRoute.panelSend.path, errors: errors, sent: outcome,
            chosenQuestionnaire: form.questionnaire.trimmed, sampleSize: sizeText)
        let response = try await req.render("Panel/panel", context)
        if errors.hasErrors { response.status = .unprocessableEntity }
        return response
    }

    /// The organisation's client numbers per group; an empty field forgets the group's number.
    @Sendable func savePopulation(req: Request) async throws -> Response {
        let fields = try FormFields.parse(req)
        let regions = try await Region.query(on: req.db).all().compactMap(\.id).map { "region:\($0.uuidString)" }
        let keys = PanelRole.allCases.map { "role:\($0.rawValue)" } + PanelAgeBand.allCases.map { "age:\($0.rawValue)" } + regions
        for key in keys {
            let text = (fields[key]?.first).trimmed
            try await PanelPopulation.query(on: req.db).filter(\.$id == key).delete()
            // Anything but a whole number from 0 is left out rather than refused: the field shows empty.
            if let clients = Int(text), clients >= 0, clients <= 10_000_000 {
                try await PanelPopulation(group: key, clients: clients, updatedAt: req.now).create(on: req.db)
            }
        }
        return req.redirect(to: SiteRoute.panel.path(.saved("population")))
    }

    private func findMember(_ req: Request) async throws -> PanelMember {
        // Any sign-up, confirmed or not: a "delete me" request may come before confirming.
        guard let id = req.parameters.get("memberID").flatMap(UUID.init(uuidString:)), let member = try await PanelMember.find(id, on: req.db)
        else { throw UserFacingError(.notFound, "panel.member.notFound") }
        return member
    }
}
