import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Walks every registered route against every role and anonymous visitors, using the one
/// permission table as the expectation (DESIGN §4.5).
@Suite("Least privilege, route by route")
struct PermissionTests {
    /// A concrete path for a route pattern: ids that exist nowhere, tokens that match nothing.
    static func samplePath(_ route: Route) -> String {
        "/"
            + route.path.map { component -> String in
                switch component {
                case .constant(let text): return text
                case .parameter(let name): return name.hasSuffix("ID") ? UUID().uuidString : "onbekend"
                default: return "x"
                }
            }.joined(separator: "/")
    }

    @Test func everyRouteDeclaresWhoMayUseIt() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            #expect(app.routes.all.count > 20)
            for route in app.routes.all {
                #expect(route.declaration != nil, "\(route.method) /\(route.path.string) has no access declaration: register it with routes.on(_:_:access:)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyRouteAllowsExactlyTheRolesThePermissionTableNames(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let roles: [Role?] = [nil] + Role.allCases
            for (index, role) in roles.enumerated() {
                for route in app.routes.all {
                    let declaration = try #require(route.declaration)
                    // A fresh session for every request: the walk includes logging out.
                    let browser: Browser
                    if let role {
                        browser = try await signedInBrowser(
                            app, as: try await makeUser(app, role: role, teams: role.isTeamScoped ? [try await makeTeam(app)] : []))
                    } else {
                        browser = Browser(app)
                        try await browser.get(SiteRoute.healthz.path)
                    }
                    browser.remoteAddress = "10.0.0.\(index)"
                    let body = route.method == .GET ? nil : "_csrf=\(browser.csrfToken ?? "")"
                    let response = try await browser.send(
                        route.method, Self.samplePath(route), body: body, contentType: body == nil ? nil : "application/x-www-form-urlencoded")
                    let label = "\(role?.rawValue ?? "anonymous") \(route.method) /\(route.path.string) → \(response.status.code)"
                    let sentToLogin = response.status == .seeOther && response.location?.hasPrefix(SiteRoute.login.path) == true
                    switch declaration.access {
                    case .anyone:
                        #expect(![401, 403].contains(response.status.code) && !sentToLogin, "\(label)")
                    case .signingIn:
                        // Only a browser between password and code may; signed-in staff go to their workspace.
                        #expect(response.status == .seeOther, "\(label)")
                    case .apiClient:
                        // Cookies are no API credential: signed in or not, no token means 401.
                        #expect(response.status == .unauthorized, "\(label)")
                    case .staff(let permission):
                        if let role {
                            if PermissionTable.allows(role, permission) {
                                #expect(![401, 403].contains(response.status.code) && !sentToLogin, "\(label)")
                            } else {
                                #expect(response.status == .forbidden, "\(label)")
                            }
                        } else {
                            #expect(sentToLogin || response.status == .unauthorized, "\(label)")
                        }
                    }
                }
            }
            #expect(try await auditActions(app).contains(.accessDenied), "refusals are audited")
        }
    }

    @Test(arguments: TestDatabase.all)
    func everyFormPostWithoutAValidTokenIsRefusedOrReshownWithoutActing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let enrolling = try await makeUser(app, role: .coordinator, secondFactor: false)
            for route in app.routes.all where route.method != .GET {
                let declaration = try #require(route.declaration)
                let browser: Browser
                switch declaration.access {
                case .anyone: browser = Browser(app)
                case .apiClient: continue
                case .signingIn: browser = try await signedInBrowser(app, as: enrolling, stage: .passwordVerified)
                case .staff(let permission):
                    let role = try #require(Role.allCases.first { PermissionTable.allows($0, permission) })
                    browser = try await signedInBrowser(app, as: try await makeUser(app, role: role))
                }
                let sessionsBefore = try await StaffSession.query(on: app.db).count()
                let response = try await browser.send(
                    route.method, Self.samplePath(route), body: "_csrf=vervalst", contentType: "application/x-www-form-urlencoded")
                let label = "\(route.method) /\(route.path.string) → \(response.status.code)"
                switch declaration.staleForm {
                case .reject:
                    #expect(response.status == .forbidden, "\(label)")
                case .reshow:
                    #expect(response.status != .seeOther, "\(label) acted on a forged form")
                    #expect(response.text.contains("Het formulier was verlopen") || response.status == .notFound, "\(label)")
                }
                #expect(try await StaffSession.query(on: app.db).count() == sessionsBefore, "\(label) changed sessions")
            }
        }
    }
}

/// The declared access of every route, written out. A route whose access changes, or a new route,
/// must be added here on purpose: a reviewer sees the change in this file.
@Suite("Route access list")
struct RouteAccessListTests {
    static let expected: [String: String] = [
        "GET /": "anyone", "GET /privacy": "anyone", "GET /toegankelijkheid": "anyone", "POST /taal": "anyone",
        "GET /huisstijl.css": "anyone", "GET /logo": "anyone",
        "GET /healthz": "anyone", "GET /readyz": "anyone", "GET /metrics": "anyone",
        "GET /inloggen": "anyone", "POST /inloggen": "anyone", "POST /uitloggen": "anyone",
        "GET /inloggen/code": "signingIn", "POST /inloggen/code": "signingIn",
        "GET /inloggen/tweestapsverificatie": "signingIn", "POST /inloggen/tweestapsverificatie": "signingIn",
        "GET /installatie/:token": "anyone", "POST /installatie/:token": "anyone",
        "GET /activeren/:token": "anyone", "POST /activeren/:token": "anyone",
        "GET /werkplek": "useStaffArea", "GET /account": "useStaffArea", "POST /account/wachtwoord": "useStaffArea",
        "POST /account/e-mail": "useStaffArea", "POST /account/taal": "useStaffArea", "POST /account/tweestapsverificatie": "useStaffArea",
        "GET /e-mailadres-bevestigen/:token": "anyone", "POST /e-mailadres-bevestigen/:token": "anyone",
        "GET /beheer/gebruikers": "manageUsers", "GET /beheer/gebruikers/nieuw": "manageUsers", "POST /beheer/gebruikers/nieuw": "manageUsers",
        "GET /beheer/gebruikers/:userID": "manageUsers", "POST /beheer/gebruikers/:userID": "manageUsers",
        "POST /beheer/gebruikers/:userID/toegang-herstellen": "manageUsers",
        "GET /beheer/teams": "manageTeams", "POST /beheer/regios": "manageTeams", "POST /beheer/teams/nieuw": "manageTeams",
        "GET /beheer/instellingen": "manageSettings", "POST /beheer/instellingen": "manageSettings",
        "POST /beheer/instellingen/logo": "manageSettings", "GET /beheer/auditlog": "readAuditLog",
        "GET /vragenlijsten": "coordinateParticipation", "POST /vragenlijsten/startset": "coordinateParticipation",
        "GET /vragenlijsten/importeren": "coordinateParticipation", "POST /vragenlijsten/importeren": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/status": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/document": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/papier": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/poster": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/papier": "coordinateParticipation",
        "GET /v/:link": "anyone", "POST /v/:link": "anyone", "GET /v/:link/vragen": "anyone", "POST /v/:link/vragen": "anyone",
        "GET /v/:link/bedankt": "anyone", "POST /v/:link/wissen": "anyone", "POST /v/:link/bewaren": "anyone", "POST /u/:token/bewaren": "anyone",
        "GET /u/:token": "anyone", "POST /u/:token": "anyone", "GET /u/:token/vragen": "anyone", "POST /u/:token/vragen": "anyone",
        "GET /u/:token/bedankt": "anyone", "GET /afmelden/:token": "anyone", "POST /afmelden/:token": "anyone",
        "GET /vragenlijsten/:questionnaireID/uitnodigingen": "coordinateParticipation",
        "GET /resultaten": "viewResults",
        "GET /resultaten/:questionnaireID": "viewResults",
        "GET /resultaten/:questionnaireID/export": "viewResults",
        "GET /resultaten/:questionnaireID/vergelijken": "viewResults",
        "GET /resultaten/:questionnaireID/antwoorden": "exportRespondentData",
        "GET /resultaten/:questionnaireID/open-antwoorden": "coordinateParticipation",
        "POST /resultaten/:questionnaireID/open-antwoorden": "coordinateParticipation",
        "GET /codeboek": "coordinateParticipation", "POST /codeboek": "coordinateParticipation",
        "GET /signalen/:flagID": "coordinateParticipation", "POST /signalen/:flagID": "coordinateParticipation",
        "POST /resultaten/:questionnaireID/publiceren": "coordinateParticipation",
        "POST /resultaten/:questionnaireID/vorige-meting": "coordinateParticipation",
        "GET /wat-vinden-clienten": "anyone", "GET /wat-vinden-clienten/:questionnaireID": "anyone",
        "GET /vragenlijsten/nieuw": "coordinateParticipation", "POST /vragenlijsten/nieuw": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/bewerken": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/bewerken": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/bewerken/:questionKey": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/bewerken/:questionKey": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/voorbeeld": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/bewerken/:questionKey/vragenbank": "coordinateParticipation",
        "GET /vragenbank": "coordinateParticipation",
        "GET /trajecten/importeren": "coordinateParticipation", "POST /trajecten/importeren": "coordinateParticipation",
        "GET /uitgaande-mail": "coordinateParticipation",
        "GET /uitgaande-mail/voorbeelden": "coordinateParticipation",
        "GET /trajecten/gepland": "coordinateParticipation",
        "GET /vragenlijsten/:questionnaireID/meting-uitnodigen": "coordinateParticipation",
        "POST /vragenlijsten/:questionnaireID/meting-uitnodigen": "coordinateParticipation",
        "POST /trajecten/gepland/:invitationID/annuleren": "coordinateParticipation",
        "GET /beheer/api-sleutels": "manageApiTokens", "POST /beheer/api-sleutels": "manageApiTokens",
        "POST /beheer/api-sleutels/:tokenID/intrekken": "manageApiTokens",
        "GET /api/openapi.json": "anyone",
        "GET /api/v1/questionnaires": "api questionnaires:read", "POST /api/v1/questionnaires": "api questionnaires:write",
        "GET /api/v1/questionnaires/:questionnaireID": "api questionnaires:read",
        "GET /api/v1/questionnaires/:questionnaireID/results": "api results:read",
        "GET /api/v1/questionnaires/:questionnaireID/responses": "api responses:export",
        "POST /api/v1/questionnaires/:questionnaireID/open": "api questionnaires:write",
        "POST /api/v1/questionnaires/:questionnaireID/close": "api questionnaires:write",
        "GET /api/v1/questionnaires/:questionnaireID/invitation-statistics": "api statistics:read",
        "POST /api/v1/trajectory-closures": "api closures:write",
        "POST /api/v1/questionnaires/:questionnaireID/wave-invitations": "api closures:write",
        "GET /denk-mee": "anyone", "POST /denk-mee": "anyone", "GET /denk-mee/verstuurd": "anyone",
        "GET /denk-mee/bevestigen/:token": "anyone", "POST /denk-mee/bevestigen/:token": "anyone",
        "GET /denk-mee/ouder/:token": "anyone", "POST /denk-mee/ouder/:token": "anyone",
        "GET /mijn-gegevens": "anyone", "POST /mijn-gegevens": "anyone", "GET /mijn-gegevens/:token": "anyone",
        "POST /mijn-gegevens/:token": "anyone", "GET /mijn-gegevens/:token/download": "anyone",
        "POST /mijn-gegevens/:token/verwijderen": "anyone",
        "GET /panel": "useStaffArea", "GET /panel/leden/:memberID": "coordinateParticipation",
        "POST /panel/leden/:memberID/verwijderen": "coordinateParticipation", "GET /panel/export": "exportPanelContacts",
        "POST /panel/versturen": "coordinateParticipation", "GET /panel/voorstellen": "proposePanelMembers",
        "POST /panel/voorstellen": "proposePanelMembers", "POST /panel/populatie": "coordinateParticipation",
    ]

    @Test func theDeclaredAccessOfEveryRouteIsTheListedOne() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            var declared: [String: String] = [:]
            for route in app.routes.all {
                let declaration = try #require(route.declaration)
                let access: String
                switch declaration.access {
                case .anyone: access = "anyone"
                case .signingIn: access = "signingIn"
                case .staff(let permission): access = permission.rawValue
                case .apiClient(let scope): access = "api " + scope.rawValue
                }
                declared["\(route.method) \(declaration.route.pattern)"] = access
            }
            #expect(declared == Self.expected)
        }
    }
}
