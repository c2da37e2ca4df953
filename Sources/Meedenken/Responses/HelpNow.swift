import MeedenkenCore
import MeedenkenStore
import Vapor

/// "Where to get help now" as a respondent page draws it (DESIGN §4.7): the help lines for the
/// questionnaire's audience, then the organisation's own contact, complaints and confidential
/// adviser. After an answer that may signal danger the thank-you page shows it first and larger,
/// without saying why.
struct HelpNow: Encodable {
    struct Line: Encodable {
        let name: String
        let phone: String
        let telHref: String
        let text: String
    }

    let lines: [Line]
    let contactHref: String?
    let complaintsHref: String?
    let confidentialAdviserHref: String?
    let isProminent: Bool

    static func make(_ req: Request, audience: QuestionnaireDefinition.Audience, isProminent: Bool = false) async throws -> HelpNow {
        let organisation = try await req.organisation()
        let lines = organisation.helpLines.filter { !$0.phone.isEmpty && $0.isFor(audience) }.map { line in
            Line(name: line.name, phone: line.phone, telHref: "tel:" + line.dialable, text: req.t("help.line.\(line.kind.rawValue)"))
        }
        return HelpNow(
            lines: lines, contactHref: organisation.contactURL, complaintsHref: organisation.complaintsURL,
            confidentialAdviserHref: organisation.confidentialAdviserURL, isProminent: isProminent)
    }
}
