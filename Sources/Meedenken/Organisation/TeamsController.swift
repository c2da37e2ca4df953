import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Regions and their teams. Team names are unique across the organisation, so a result table
/// never shows two teams with one name.
struct TeamsController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .teams, access: .staff(.manageTeams), use: show)
        routes.on(.POST, .newRegion, access: .staff(.manageTeams), staleForm: .reshow, use: createRegion)
        routes.on(.POST, .newTeam, access: .staff(.manageTeams), staleForm: .reshow, use: createTeam)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req)
    }

    @Sendable func createRegion(req: Request) async throws -> Response {
        let form = try req.form(RegionForm.self)
        var errors = req.staleFormErrors()
        let name = form.regionName.trimmed
        if !errors.hasErrors {
            if name.isEmpty || name.count > 120 {
                errors.add("regionName", req.t("teams.error.name"))
            } else if try await Region.query(on: req.db).filter(\.$name == name).count() > 0 {
                errors.add("regionName", req.t("teams.error.regionTaken"))
            }
        }
        if errors.hasErrors { return try await page(req, regionName: name, regionErrors: errors, status: .unprocessableEntity) }
        try await Region(name: name, createdAt: req.now).create(on: req.db)
        return req.redirect(to: SiteRoute.teams.path)
    }

    @Sendable func createTeam(req: Request) async throws -> Response {
        let form = try req.form(TeamForm.self)
        var errors = req.staleFormErrors()
        let name = form.teamName.trimmed
        let regionID = UUID(uuidString: form.regionID.trimmed)
        if !errors.hasErrors {
            if name.isEmpty || name.count > 120 {
                errors.add("teamName", req.t("teams.error.name"))
            } else if try await Team.query(on: req.db).filter(\.$name == name).count() > 0 {
                errors.add("teamName", req.t("teams.error.teamTaken"))
            }
            let region = try await Region.find(regionID, on: req.db)
            if region == nil {
                errors.add("regionID", req.t("teams.error.region"))
            }
        }
        if errors.hasErrors {
            return try await page(req, teamName: name, selectedRegion: form.regionID.trimmed, teamErrors: errors, status: .unprocessableEntity)
        }
        try await Team(name: name, regionID: regionID!, createdAt: req.now).create(on: req.db)
        return req.redirect(to: SiteRoute.teams.path)
    }

    private func page(
        _ req: Request, regionName: String = "", teamName: String = "", selectedRegion: String = "",
        regionErrors: FormErrors = FormErrors(), teamErrors: FormErrors = FormErrors(), status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let regions = try await Region.query(on: req.db).with(\.$teams).sort(\.$name).all()
        let context = TeamsPage(
            layout: try await req.layout(titleKey: "teams.title"),
            regions: regions.map { .init(name: $0.name, teams: $0.teams.map(\.name).sorted()) },
            hasRegions: !regions.isEmpty,
            regionChoices: regions.compactMap { region in
                region.id.map { .init(value: $0.uuidString, label: region.name, isSelected: $0.uuidString == selectedRegion) }
            },
            newRegionAction: SiteRoute.newRegion.path, newTeamAction: SiteRoute.newTeam.path,
            regionName: regionName, teamName: teamName, regionErrors: regionErrors, teamErrors: teamErrors)
        return try await req.render("Admin/teams", context, status: status)
    }
}
