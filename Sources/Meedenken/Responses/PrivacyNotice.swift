import MeedenkenCore
import MeedenkenStore
import Vapor

/// The "who sees your answers" box on a questionnaire's start page (DESIGN §4.1: respondents are
/// told in plain words who sees what), in words for its audience: children of 8–11 get their
/// own, shorter sentences (A2), the others the B1 text.
struct PrivacyNotice: Encodable {
    let heading: String
    let lines: [String]

    static func make(
        _ req: Request, audience: QuestionnaireDefinition.Audience, anonymous: Bool, minimumGroupSize: Int, isInvitation: Bool, idleMinutes: Int
    ) -> PrivacyNotice {
        let prefix = audience == .child8to11 ? "answer.child." : "answer."
        let who = anonymous ? req.t(prefix + "anonymous", ["minimum": "\(minimumGroupSize)"]) : req.t(prefix + "confidential")
        let device = isInvitation ? req.t(prefix + "invitationNote") : req.t(prefix + "sharedDevice", ["minutes": "\(idleMinutes)"])
        return PrivacyNotice(heading: req.t(prefix + "whoSees"), lines: [who, device, req.t(prefix + "notYourCase")])
    }
}
