import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// The staff start page: one card per piece of work the role allows (from the permission table).
struct StaffHomeController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .staffHome, access: .staff(.useStaffArea), use: show)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let cards = StaffNavigation.items(for: staff.role).filter { $0.route != .staffHome }.map {
            StaffHomePage.Card(href: $0.route.path, title: req.t($0.labelKey), text: req.t("\($0.labelKey).description"))
        }
        // Warn once codes have been used up to the last few; someone who never had codes made
        // (a second factor set by an administrator's import, the demo) makes them on the account page.
        let codes = try await RecoveryCode.query(on: req.db).filter(\.$user.$id == staff.userID).all()
        let unused = codes.filter { $0.usedAt == nil }.count
        let recoveryCodesLow = staff.hasSecondFactor && codes.count > unused && unused < 3
        // Open answers with danger words reach a coordinator first thing, without who wrote them.
        var dangerLinks: [StaffHomePage.Card] = []
        var missingQuestionnaires: [String] = []
        if PermissionTable.allows(staff.role, .coordinateParticipation) {
            let covered = Set(try await Questionnaire.query(on: req.db).filter(\.$kind == .exit).filter(\.$isOpen == true).all().map(\.audience))
            missingQuestionnaires = QuestionnaireDefinition.Audience.allCases.filter { !covered.contains($0) }.map {
                req.t("staffHome.noQuestionnaire", ["audience": req.t("questionnaire.audience.\($0.rawValue)")])
            }
            for review in try await OpenAnswerReview.query(on: req.db).filter(\.$danger == true).filter(\.$reviewedAt == nil).all() {
                let href = SiteRoute.openAnswers(id: review.questionnaireID).path
                if !dangerLinks.contains(where: { $0.href == href }) {
                    dangerLinks.append(.init(href: href, title: req.t("staffHome.danger"), text: ""))
                }
            }
        }
        let context = StaffHomePage(
            layout: try await req.layout(titleKey: "staffHome.title"),
            greeting: req.t("staffHome.greeting", ["name": staff.displayName]), roleLabel: req.t(staff.role.labelKey),
            cards: cards, hasCards: !cards.isEmpty, recoveryCodesLow: recoveryCodesLow, accountHref: SiteRoute.account.path,
            dangerLinks: dangerLinks, missingQuestionnaires: missingQuestionnaires,
            questionnairesHref: SiteRoute.questionnaires.path)
        return try await req.render("Staff/home", context)
    }
}
