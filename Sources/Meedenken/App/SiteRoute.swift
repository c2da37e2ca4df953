import Foundation
import MeedenkenCore
import MeedenkenStore

/// Every page and endpoint of Meedenken. The same value builds the registered route (its pattern)
/// and every link and redirect (its path), so the two cannot drift and no template holds a path.
enum SiteRoute: Hashable, Sendable {
    // Public
    case home
    case privacy
    case accessibility
    case languageSwitch
    case brandStylesheet
    case logo
    // Signing in
    case login
    case loginCode
    case logout
    case setup(token: String)
    case activation(token: String)
    case twoFactorEnrolment
    case emailConfirmation(token: String)
    // Staff
    case staffHome
    case account
    case accountPassword
    case accountEmail
    case accountLanguage
    case accountTwoFactor
    // Administration
    case users
    case newUser
    case user(id: UUID)
    case userAccessReset(id: UUID)
    case teams
    case newRegion
    case newTeam
    case settings
    case settingsLogo
    case auditLog
    // Questionnaires (staff)
    case questionnaires
    case questionnaireStarters
    case questionnaireImport
    case questionnaire(id: UUID)
    case questionnaireStatus(id: UUID)
    case questionnaireDocument(id: UUID)
    case questionnairePaper(id: UUID)
    /// A printable A4 poster with the open link and its QR code.
    case questionnairePoster(id: UUID)
    case newQuestionnaire
    case questionnaireEditor(id: UUID)
    case questionEditor(id: UUID, question: String)
    case questionnairePreview(id: UUID)
    case questionToBank(id: UUID, question: String)
    case questionBank
    // Answering (public)
    case answerStart(link: String)
    case answerPage(link: String)
    case answerThanks(link: String)
    case answerClear(link: String)
    /// Save as you go: the page's script keeps what is typed, without moving on.
    case answerSave(link: String)
    // Personal invitations (public, the token is the key)
    case invitationStart(token: String)
    case invitationPage(token: String)
    case invitationThanks(token: String)
    case invitationSave(token: String)
    case unsubscribe(token: String)
    // Thinking along: the public sign-up and a member's own page (public, the token is the key)
    case panelSignUp
    case panelSignUpSent
    case panelConfirm(token: String)
    case panelParentConfirm(token: String)
    /// Asking for a new link to "Mijn gegevens" (the answer never says whether the address is known).
    case myDataLink
    case myData(token: String)
    case myDataDownload(token: String)
    case myDataDelete(token: String)
    // The panel (staff)
    case panel
    case panelMember(id: UUID)
    case panelMemberDelete(id: UUID)
    case panelProposal
    case panelExport
    case panelSend
    case panelPopulation
    // Invitations (staff)
    case questionnaireInvitations(id: UUID)
    case waveInvitations(id: UUID)
    // Results
    case results
    case questionnaireResults(id: UUID)
    case questionnaireResultsExport(id: UUID)
    case questionnaireComparison(id: UUID)
    case questionnaireResponsesExport(id: UUID)
    case openAnswers(id: UUID)
    case resultPublication(id: UUID)
    case previousWave(id: UUID)
    case publishedResults
    case publishedResult(id: UUID)
    case codebook
    /// An open answer flagged for danger words: the page the on-duty alert links to.
    case dangerFlag(id: UUID)
    case closureImport
    case plannedInvitations
    case plannedInvitationCancel(id: UUID)
    case outbox
    case mailPreview
    case apiTokens
    case apiTokenRevoke(id: UUID)
    // API
    case openAPIDocument
    case apiQuestionnaires
    case apiQuestionnaire(id: UUID)
    case apiQuestionnaireOpen(id: UUID)
    case apiQuestionnaireClose(id: UUID)
    case apiInvitationStatistics(id: UUID)
    case apiTrajectoryClosures
    case apiWaveInvitations(id: UUID)
    case apiQuestionnaireResults(id: UUID)
    case apiQuestionnaireResponses(id: UUID)
    // Operations
    case healthz
    case readyz
    case metrics

    /// A path piece: fixed text, or a parameter with its name (for the pattern) and value (for links).
    enum Segment: Sendable {
        case constant(String)
        case parameter(name: String, value: String)
    }

    var segments: [Segment] {
        switch self {
        case .home: []
        case .privacy: [.constant("privacy")]
        case .accessibility: [.constant("toegankelijkheid")]
        case .languageSwitch: [.constant("taal")]
        case .brandStylesheet: [.constant("huisstijl.css")]
        case .logo: [.constant("logo")]
        case .login: [.constant("inloggen")]
        case .loginCode: [.constant("inloggen"), .constant("code")]
        case .logout: [.constant("uitloggen")]
        case .setup(let token): [.constant("installatie"), .parameter(name: "token", value: token)]
        case .activation(let token): [.constant("activeren"), .parameter(name: "token", value: token)]
        case .twoFactorEnrolment: [.constant("inloggen"), .constant("tweestapsverificatie")]
        case .emailConfirmation(let token): [.constant("e-mailadres-bevestigen"), .parameter(name: "token", value: token)]
        case .staffHome: [.constant("werkplek")]
        case .account: [.constant("account")]
        case .accountPassword: [.constant("account"), .constant("wachtwoord")]
        case .accountEmail: [.constant("account"), .constant("e-mail")]
        case .accountLanguage: [.constant("account"), .constant("taal")]
        case .accountTwoFactor: [.constant("account"), .constant("tweestapsverificatie")]
        case .users: [.constant("beheer"), .constant("gebruikers")]
        case .newUser: [.constant("beheer"), .constant("gebruikers"), .constant("nieuw")]
        case .user(let id): [.constant("beheer"), .constant("gebruikers"), .parameter(name: "userID", value: id.uuidString)]
        case .userAccessReset(let id):
            [.constant("beheer"), .constant("gebruikers"), .parameter(name: "userID", value: id.uuidString), .constant("toegang-herstellen")]
        case .teams: [.constant("beheer"), .constant("teams")]
        case .newRegion: [.constant("beheer"), .constant("regios")]
        case .newTeam: [.constant("beheer"), .constant("teams"), .constant("nieuw")]
        case .settings: [.constant("beheer"), .constant("instellingen")]
        case .settingsLogo: [.constant("beheer"), .constant("instellingen"), .constant("logo")]
        case .auditLog: [.constant("beheer"), .constant("auditlog")]
        case .questionnaires: [.constant("vragenlijsten")]
        case .questionnaireStarters: [.constant("vragenlijsten"), .constant("startset")]
        case .questionnaireImport: [.constant("vragenlijsten"), .constant("importeren")]
        case .questionnaire(let id): [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString)]
        case .questionnaireStatus(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("status")]
        case .questionnaireDocument(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("document")]
        case .questionnairePoster(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("poster")]
        case .questionnairePaper(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("papier")]
        case .newQuestionnaire: [.constant("vragenlijsten"), .constant("nieuw")]
        case .questionnaireEditor(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("bewerken")]
        case .questionEditor(let id, let question):
            [
                .constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("bewerken"),
                .parameter(name: "questionKey", value: question),
            ]
        case .questionToBank(let id, let question):
            [
                .constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("bewerken"),
                .parameter(name: "questionKey", value: question), .constant("vragenbank"),
            ]
        case .questionBank: [.constant("vragenbank")]
        case .questionnairePreview(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("voorbeeld")]
        case .answerStart(let link): [.constant("v"), .parameter(name: "link", value: link)]
        case .answerPage(let link): [.constant("v"), .parameter(name: "link", value: link), .constant("vragen")]
        case .answerThanks(let link): [.constant("v"), .parameter(name: "link", value: link), .constant("bedankt")]
        case .answerClear(let link): [.constant("v"), .parameter(name: "link", value: link), .constant("wissen")]
        case .answerSave(let link): [.constant("v"), .parameter(name: "link", value: link), .constant("bewaren")]
        case .invitationStart(let token): [.constant("u"), .parameter(name: "token", value: token)]
        case .invitationPage(let token): [.constant("u"), .parameter(name: "token", value: token), .constant("vragen")]
        case .invitationThanks(let token): [.constant("u"), .parameter(name: "token", value: token), .constant("bedankt")]
        case .invitationSave(let token): [.constant("u"), .parameter(name: "token", value: token), .constant("bewaren")]
        case .unsubscribe(let token): [.constant("afmelden"), .parameter(name: "token", value: token)]
        case .panelSignUp: [.constant("denk-mee")]
        case .panelSignUpSent: [.constant("denk-mee"), .constant("verstuurd")]
        case .panelConfirm(let token): [.constant("denk-mee"), .constant("bevestigen"), .parameter(name: "token", value: token)]
        case .panelParentConfirm(let token): [.constant("denk-mee"), .constant("ouder"), .parameter(name: "token", value: token)]
        case .myDataLink: [.constant("mijn-gegevens")]
        case .myData(let token): [.constant("mijn-gegevens"), .parameter(name: "token", value: token)]
        case .myDataDownload(let token): [.constant("mijn-gegevens"), .parameter(name: "token", value: token), .constant("download")]
        case .myDataDelete(let token): [.constant("mijn-gegevens"), .parameter(name: "token", value: token), .constant("verwijderen")]
        case .panel: [.constant("panel")]
        case .panelMember(let id): [.constant("panel"), .constant("leden"), .parameter(name: "memberID", value: id.uuidString)]
        case .panelMemberDelete(let id):
            [.constant("panel"), .constant("leden"), .parameter(name: "memberID", value: id.uuidString), .constant("verwijderen")]
        case .panelProposal: [.constant("panel"), .constant("voorstellen")]
        case .panelExport: [.constant("panel"), .constant("export")]
        case .panelSend: [.constant("panel"), .constant("versturen")]
        case .panelPopulation: [.constant("panel"), .constant("populatie")]
        case .waveInvitations(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("meting-uitnodigen")]
        case .questionnaireInvitations(let id):
            [.constant("vragenlijsten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("uitnodigingen")]
        case .results: [.constant("resultaten")]
        case .questionnaireResults(let id): [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString)]
        case .questionnaireResultsExport(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("export")]
        case .questionnaireComparison(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("vergelijken")]
        case .questionnaireResponsesExport(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("antwoorden")]
        case .openAnswers(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("open-antwoorden")]
        case .codebook: [.constant("codeboek")]
        case .dangerFlag(let id): [.constant("signalen"), .parameter(name: "flagID", value: id.uuidString)]
        case .resultPublication(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("publiceren")]
        case .previousWave(let id):
            [.constant("resultaten"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("vorige-meting")]
        case .publishedResults: [.constant("wat-vinden-clienten")]
        case .publishedResult(let id): [.constant("wat-vinden-clienten"), .parameter(name: "questionnaireID", value: id.uuidString)]
        case .closureImport: [.constant("trajecten"), .constant("importeren")]
        case .plannedInvitations: [.constant("trajecten"), .constant("gepland")]
        case .plannedInvitationCancel(let id):
            [.constant("trajecten"), .constant("gepland"), .parameter(name: "invitationID", value: id.uuidString), .constant("annuleren")]
        case .outbox: [.constant("uitgaande-mail")]
        case .mailPreview: [.constant("uitgaande-mail"), .constant("voorbeelden")]
        case .apiTokens: [.constant("beheer"), .constant("api-sleutels")]
        case .apiTokenRevoke(let id):
            [.constant("beheer"), .constant("api-sleutels"), .parameter(name: "tokenID", value: id.uuidString), .constant("intrekken")]
        case .openAPIDocument: [.constant("api"), .constant("openapi.json")]
        case .apiQuestionnaires: [.constant("api"), .constant("v1"), .constant("questionnaires")]
        case .apiQuestionnaire(let id):
            [.constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString)]
        case .apiQuestionnaireOpen(let id):
            [.constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("open")]
        case .apiQuestionnaireClose(let id):
            [.constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("close")]
        case .apiInvitationStatistics(let id):
            [
                .constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString),
                .constant("invitation-statistics"),
            ]
        case .apiTrajectoryClosures: [.constant("api"), .constant("v1"), .constant("trajectory-closures")]
        case .apiWaveInvitations(let id):
            [
                .constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString),
                .constant("wave-invitations"),
            ]
        case .apiQuestionnaireResults(let id):
            [.constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("results")]
        case .apiQuestionnaireResponses(let id):
            [.constant("api"), .constant("v1"), .constant("questionnaires"), .parameter(name: "questionnaireID", value: id.uuidString), .constant("responses")]
        case .healthz: [.constant("healthz")]
        case .readyz: [.constant("readyz")]
        case .metrics: [.constant("metrics")]
        }
    }

    /// The link to this page, for templates and redirects.
    var path: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .constant(let text): text
                case .parameter(_, let value): Self.encodedPathSegment(value)
                }
            }.joined(separator: "/")
    }

    /// Ids and tokens hold only unreserved characters (RFC 3986 §2.3) and are used as they are:
    /// a wave or a panel send writes tens of thousands of links, and Foundation's encoder was a
    /// tenth of the cost of writing a mail.
    private static func encodedPathSegment(_ value: String) -> String {
        let unreserved = value.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
            default: false
            }
        }
        return unreserved ? value : value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
    }

    /// The OpenAPI form of the path (`/api/v1/questionnaires/{questionnaireID}`).
    var openAPIPath: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .constant(let text): text
                case .parameter(let name, _): "{\(name)}"
                }
            }.joined(separator: "/")
    }

    /// The pattern Vapor routes on (`/beheer/gebruikers/:userID`).
    var pattern: String {
        "/"
            + segments.map { segment in
                switch segment {
                case .constant(let text): text
                case .parameter(let name, _): ":\(name)"
                }
            }.joined(separator: "/")
    }
}

extension UUID {
    /// A stand-in value for registering a route whose path holds an id; only its pattern is used.
    static let routePattern = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}
