import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Every invitation and reminder as it will be sent, per audience and language, in the
/// organisation's form of address: written by the same `InvitationMailText` as the outbox,
/// with example links.
struct MailPreviewController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .mailPreview, access: .staff(.coordinateParticipation), use: show)
    }

    /// The mails shown, in the order a coordinator meets them.
    private static let addressees: [(addressee: InvitationMailText.Addressee, withChild: Bool)] = [
        (.audience(.parent), true), (.audience(.parent), false), (.audience(.fosterParent), false), (.audience(.youth12plus), false),
        (.childrenOnly, false),
    ]

    @Sendable func show(req: Request) async throws -> Response {
        let settings = try await OrganisationSettings.current(
            on: req.db, defaultName: req.application.config.organisationName, now: req.now)
        var titles: [QuestionnaireDefinition.Audience: LocalizedText] = [:]
        for questionnaire in try await Questionnaire.query(on: req.db).filter(\.$kind == .exit).filter(\.$isOpen == true).all() {
            if let definition = try await QuestionnaireStore.latestVersion(of: try questionnaire.requireID(), on: req.db)?.definition() {
                titles[questionnaire.audience] = definition.title
            }
        }
        let base = req.application.config.publicBaseURL.absoluteString
        let expires = req.now.addingTimeInterval(TimeInterval(req.application.config.invitationValidDays) * 86_400)
        var mails: [MailPreviewPage.Mail] = []
        for language in Language.allCases {
            for (addressee, withChild) in Self.addressees {
                // A panel mail is the same for every role: shown once for a member, once for a
                // parent with a child's link.
                for kind in InvitationMailText.Kind.allCases
                where !kind.isPanel || addressee == .childrenOnly || (addressee == .audience(.parent) && !withChild) {
                    let text = InvitationMailText(kind: kind, addressee: addressee, language: language, adultForm: settings.adultFormOfAddress)
                    let audience: QuestionnaireDefinition.Audience? = if case .audience(let audience) = addressee { audience } else { nil }
                    let childLink = base + SiteRoute.invitationStart(token: "voorbeeld-kind").path
                    let details = InvitationMailText.Details(
                        organisation: settings.name, title: audience.flatMap { titles[$0] }?.text(language.rawValue) ?? "…",
                        link: base + SiteRoute.invitationStart(token: "voorbeeld").path,
                        childLinks: withChild || audience == nil ? [childLink] : [], isAnonymous: true,
                        unsubscribe: base + SiteRoute.unsubscribe(token: "voorbeeld").path, expires: expires,
                        calendar: req.application.calendar, myData: base + SiteRoute.myData(token: "voorbeeld").path)
                    let who =
                        kind.isPanel && audience != nil
                        ? req.t("mailPreview.panelMember")
                        : audience.map { req.t("questionnaire.audience.\($0.rawValue)") } ?? req.t("mailPreview.childrenOnly")
                    mails.append(
                        .init(
                            heading: req.t(
                                "mailPreview.heading.\(kind.rawValue)",
                                [
                                    "audience": who + (withChild ? " " + req.t("mailPreview.withChild") : ""),
                                    "language": req.t("mailPreview.language.\(language.rawValue)"),
                                ]),
                            subject: text.subject(details, localizer: req.application.localizer),
                            body: text.body(details, localizer: req.application.localizer)))
                }
            }
        }
        let context = MailPreviewPage(
            layout: try await req.layout(titleKey: "mailPreview.title"),
            intro: req.t("mailPreview.intro", ["form": settings.adultFormOfAddress.rawValue]), settingsHref: SiteRoute.settings.path,
            mails: mails)
        return try await req.render("Invitations/mailPreview", context)
    }
}
