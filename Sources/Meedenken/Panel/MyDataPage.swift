import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// "Mijn gegevens": every stored field in words, the form to change them, and the consents.
struct MyDataPage: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Consent: Encodable {
        let givenBy: String
        let agreedOn: String
        let until: String
        let textVersion: String
    }

    let layout: LayoutContext
    let errors: FormErrors
    let notice: String?
    /// Everything stored, as a list a person can read (and print).
    let facts: [Fact]
    let consents: [Consent]
    let firstName: String
    let phone: String
    let languages: [SignUpPage.Choice]
    let ways: [SignUpPage.Choice]
    let topics: [SignUpPage.Choice]
    let needs: [SignUpPage.Choice]
    let teams: [SelectOption]
    let frequencies: [SelectOption]
    let isPaused: Bool
    let isMember: Bool
    /// A youth still below the age to agree alone: renewing asks a parent's address.
    let renewalNeedsParent: Bool
    let ownAge: Int
    let formAction: String
    let downloadHref: String
    let deleteAction: String

    init(
        layout: LayoutContext, member: PanelMember, form: MyDataForm?, consents: [PanelConsent], teams: [Team], req: Request, errors: FormErrors,
        notice: String?, formAction: String, downloadHref: String, deleteAction: String
    ) {
        self.layout = layout
        self.errors = errors
        self.notice = notice
        let calendar = req.application.calendar
        let language = req.language
        let teamName = teams.first { $0.id == member.teamID }?.name
        let none = req.t("myData.none")
        var facts = [
            Fact(label: req.t("signUp.firstName"), value: member.firstName),
            Fact(label: req.t("signUp.email"), value: member.email),
            Fact(label: req.t("signUp.phone"), value: member.phone ?? none),
            Fact(label: req.t("signUp.role"), value: req.t("panel.role.\(member.role)")),
        ]
        if let year = member.birthYear { facts.append(Fact(label: req.t("signUp.birthYear"), value: String(year))) }
        facts += [
            Fact(label: req.t("signUp.language"), value: req.t("panel.language.\(member.language)")),
            Fact(label: req.t("signUp.ways"), value: member.wayList.map { req.t("panel.way.\($0.rawValue)") }.joined(separator: ", ")),
            Fact(
                label: req.t("signUp.topics"),
                value: member.topicList.compactMap { key in Theme.defaults.first { $0.key == key }?.name.text(language.rawValue) }.joined(separator: ", ")
                    .nonEmpty ?? none),
            Fact(label: req.t("signUp.team"), value: teamName ?? none),
            Fact(label: req.t("signUp.needs"), value: member.needList.map { req.t("panel.need.\($0.rawValue)") }.joined(separator: ", ").nonEmpty ?? none),
            Fact(label: req.t("myData.status"), value: req.t("myData.status.\(member.status.rawValue)")),
            Fact(label: req.t("myData.signedUpOn"), value: calendar.formatted(member.createdAt, language: language)),
            Fact(label: req.t("myData.lastAsked"), value: member.lastAskedAt.map { calendar.formatted($0, language: language) } ?? none),
            Fact(label: req.t("myData.consentUntil"), value: member.consentExpiresAt.map { calendar.formatted($0, language: language) } ?? none),
        ]
        if let parent = member.parentEmail { facts.append(Fact(label: req.t("signUp.parentEmail"), value: parent)) }
        self.facts = facts
        self.consents = consents.map {
            Consent(
                givenBy: req.t("myData.givenBy.\($0.givenBy.rawValue)"), agreedOn: calendar.formatted($0.agreedAt, language: language),
                until: calendar.formatted($0.expiresAt, language: language), textVersion: $0.textVersion)
        }
        let shownWays = form?.ways ?? member.wayList.map(\.rawValue)
        let shownTopics = form?.topics ?? member.topicList
        let shownNeeds = form?.needs ?? member.needList.map(\.rawValue)
        let shownTeam = form.map { $0.team.trimmed } ?? member.teamID?.uuidString ?? ""
        let shownLanguage = form.map { $0.language.trimmed } ?? member.language
        let shownFrequency = form.map { $0.frequency.trimmed } ?? member.frequencyDays.map(String.init) ?? ""
        firstName = form.map { $0.firstName.trimmed } ?? member.firstName
        phone = form.map { $0.phone.trimmed } ?? member.phone ?? ""
        languages = Language.allCases.map {
            SignUpPage.Choice(value: $0.rawValue, label: req.t("panel.language.\($0.rawValue)"), hint: nil, isSelected: $0.rawValue == shownLanguage)
        }
        ways = WayToJoin.allCases.map {
            SignUpPage.Choice(value: $0.rawValue, label: req.t("panel.way.\($0.rawValue)"), hint: nil, isSelected: shownWays.contains($0.rawValue))
        }
        topics = Theme.defaults.map {
            SignUpPage.Choice(value: $0.key, label: $0.name.text(language.rawValue), hint: nil, isSelected: shownTopics.contains($0.key))
        }
        needs = ParticipationNeed.allCases.map {
            SignUpPage.Choice(value: $0.rawValue, label: req.t("panel.need.\($0.rawValue)"), hint: nil, isSelected: shownNeeds.contains($0.rawValue))
        }
        self.teams = teams.map { SelectOption(value: $0.id?.uuidString ?? "", label: $0.name, isSelected: $0.id?.uuidString == shownTeam) }
        let weeks = req.application.config.panel.contactCap.days / 7
        frequencies =
            [SelectOption(value: "", label: req.t("myData.frequency.default", ["weeks": String(max(1, weeks))]), isSelected: shownFrequency.isEmpty)]
            + MyDataForm.frequencies.map {
                SelectOption(value: String($0), label: req.t("myData.frequency.weeks", ["weeks": String($0 / 7)]), isSelected: shownFrequency == String($0))
            }
        isPaused = member.status == .paused
        isMember = member.isMember
        ownAge = req.application.config.panel.consent.ownConsentFrom
        renewalNeedsParent =
            member.source != .parent && req.application.config.panel.consent.requirement(birthYear: member.birthYear, today: req.today) != .own
        self.formAction = formAction
        self.downloadHref = downloadHref
        self.deleteAction = deleteAction
    }
}

struct MyDataDeleteConfirmPage: Encodable {
    let layout: LayoutContext
    let deleteAction: String
    let backHref: String
}

struct MyDataDeletedPage: Encodable {
    let layout: LayoutContext
    let signUpHref: String
}

struct MyDataLinkPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let email: String
    let errors: FormErrors
    let sent: Bool
}

extension String {
    /// Nil for an empty string, for "none" in lists.
    var nonEmpty: String? { isEmpty ? nil : self }
}
