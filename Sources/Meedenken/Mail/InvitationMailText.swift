import Foundation
import MeedenkenCore
import MeedenkenStore

/// The words of an invitation or reminder: its own text per audience (a parent, a foster parent,
/// a youth, or an adult who only passes on a child's link), in the person's language and, for
/// adults in Dutch, the organisation's "je" or "u". The outbox and the coordinators' preview both
/// write mails through this, so the preview is the mail as it will be sent.
struct InvitationMailText {
    /// After a closed trajectory, in a survey wave among current clients (whose care has not
    /// ended: their mail must not say it has), or to a panel member (who signed up to think
    /// along, may be a client or not, and finds "Mijn gegevens" in every mail).
    enum Kind: String, CaseIterable, Sendable {
        case invitation, reminder, waveInvitation, waveReminder, panelInvitation, panelReminder

        enum Moment { case invitation, reminder }

        init(_ moment: Moment, isWave: Bool, isPanel: Bool) {
            switch (moment, isPanel, isWave) {
            case (.invitation, true, _): self = .panelInvitation
            case (.reminder, true, _): self = .panelReminder
            case (.invitation, false, true): self = .waveInvitation
            case (.reminder, false, true): self = .waveReminder
            case (.invitation, false, false): self = .invitation
            case (.reminder, false, false): self = .reminder
            }
        }

        var isPanel: Bool { self == .panelInvitation || self == .panelReminder }
    }

    /// Whose questionnaire the mail is about: an audience, or only children's links.
    enum Addressee: Hashable, Sendable {
        case audience(QuestionnaireDefinition.Audience)
        case childrenOnly

        var key: String {
            switch self {
            case .audience(.child8to11), .childrenOnly: "child_only"
            case .audience(let audience): audience.rawValue
            }
        }
    }

    /// What goes into the text.
    struct Details: Sendable {
        let organisation: String
        /// The questionnaire's title and personal link; ignored for `childrenOnly`.
        let title: String
        let link: String
        let childLinks: [String]
        let isAnonymous: Bool
        let unsubscribe: String
        let expires: Date
        /// The organisation's calendar, for the date the link stops working.
        let calendar: OrganisationCalendar
        /// The children's questionnaire's own promise, said beside the child's link.
        var childIsAnonymous = true
        /// A panel member's link to "Mijn gegevens".
        var myData: String?
    }

    let kind: Kind
    let addressee: Addressee
    let language: Language
    let adultForm: FormOfAddress

    /// Youths are always "je"; adults as the organisation chose.
    var form: FormOfAddress { addressee == .audience(.youth12plus) ? .je : adultForm }

    /// A panel mail is to a member, whatever their role; or to a parent with a child's link.
    private var addresseeKey: String {
        kind.isPanel && addressee != .childrenOnly && addressee != .audience(.child8to11) ? "member" : addressee.key
    }

    func subject(_ details: Details, localizer: Localizer) -> String {
        localizer.text(
            "mail.\(kind.rawValue).\(addresseeKey).\(form.rawValue).subject", in: language,
            ["organisation": details.organisation, "title": details.title])
    }

    func body(_ details: Details, localizer: Localizer) -> String {
        let links = details.childLinks.map { localizer.text("mail.childLink.\(form.rawValue)", in: language, ["link": $0]) }
        let childPrivacy = localizer.text("mail.childPrivacy.\(details.childIsAnonymous ? "anonymous" : "confidential").\(form.rawValue)", in: language)
        let child =
            links.isEmpty
            ? ""
            : localizer.text(
                "mail.childSection.\(form.rawValue)", in: language, ["links": links.joined(separator: "\n"), "childPrivacy": childPrivacy])
        let privacy = localizer.text("mail.privacy.\(details.isAnonymous ? "anonymous" : "confidential").\(form.rawValue)", in: language)
        return localizer.text(
            "mail.\(kind.rawValue).\(addresseeKey).\(form.rawValue).body", in: language,
            [
                "organisation": details.organisation, "title": details.title, "link": details.link, "privacy": privacy, "child": child,
                "unsubscribe": details.unsubscribe, "expires": details.calendar.formatted(details.expires, language: language, withTime: false),
                "myData": details.myData ?? "", "childPrivacy": childPrivacy,
            ])
    }
}
