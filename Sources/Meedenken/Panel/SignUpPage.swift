import Foundation
import MeedenkenCore
import Vapor

/// The sign-up page: what joining means, and the form with what was entered.
struct SignUpPage: Encodable {
    /// A checkbox or radio choice with its label.
    struct Choice: Encodable {
        let value: String
        let label: String
        let hint: String?
        let isSelected: Bool
    }

    struct Values: Encodable {
        let firstName: String
        let email: String
        let phone: String
        let birthYear: String
        let parentEmail: String
        let byParent: Bool
        let agree: Bool
        let roles: [Choice]
        let languages: [Choice]
        let ways: [Choice]
        let topics: [Choice]
        let needs: [Choice]

        init(_ form: SignUpForm, req: Request) {
            firstName = form.firstName.trimmed
            email = form.email.trimmed
            phone = form.phone.trimmed
            birthYear = form.birthYear.trimmed
            parentEmail = form.parentEmail.trimmed
            byParent = form.byParent == "on"
            agree = form.agree == "on"
            roles = PanelRole.allCases.map {
                Choice(value: $0.rawValue, label: req.t("panel.role.\($0.rawValue)"), hint: nil, isSelected: form.role.trimmed == $0.rawValue)
            }
            let language = Language(rawValue: form.language.trimmed) ?? req.language
            languages = Language.allCases.map {
                Choice(value: $0.rawValue, label: req.t("panel.language.\($0.rawValue)"), hint: nil, isSelected: $0 == language)
            }
            ways = WayToJoin.allCases.map {
                Choice(
                    value: $0.rawValue, label: req.t("panel.way.\($0.rawValue)"), hint: req.t("panel.way.\($0.rawValue).hint"),
                    isSelected: (form.ways ?? []).contains($0.rawValue))
            }
            topics = Theme.defaults.map {
                Choice(value: $0.key, label: $0.name.text(req.language.rawValue), hint: nil, isSelected: (form.topics ?? []).contains($0.key))
            }
            needs = ParticipationNeed.allCases.map {
                Choice(value: $0.rawValue, label: req.t("panel.need.\($0.rawValue)"), hint: nil, isSelected: (form.needs ?? []).contains($0.rawValue))
            }
        }
    }

    let layout: LayoutContext
    let formAction: String
    let errors: FormErrors
    let form: Values
    let teams: [SelectOption]
    /// Who may sign up alone, with a parent, or through a parent (the organisation's ages).
    let consentText: String
    /// How often we ask at most.
    let capText: String
    let privacyHref: String
    let myDataHref: String
    /// From this age a person agrees alone (the organisation's setting).
    let ownAge: Int
}

struct SignUpSentPage: Encodable {
    let layout: LayoutContext
    let homeHref: String
}

struct SignUpConfirmationPage: Encodable {
    let layout: LayoutContext
    let firstName: String
    /// The parent's page (12 to 15).
    let isParent: Bool
    let done: Bool
    /// Confirmed, and now a parent's mail went out.
    let waitsForParent: Bool
    let formAction: String
}
