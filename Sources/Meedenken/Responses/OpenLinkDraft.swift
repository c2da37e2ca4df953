import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// How long an open-link draft lives. The open link is used on shared devices (a tablet in the
/// waiting room), where the next person must never see the previous person's answers. So the
/// draft's cookie is a browser-session cookie, the draft is gone after a short time without a
/// saved page, on sending, and when the person presses "Stop and clear". Personal invitation
/// links keep their draft for weeks: only the invited person has the link.
enum OpenLinkDraft {
    /// After this long without a saved page the draft is treated as gone and deleted.
    static let idleTime: TimeInterval = 20 * 60

    static func cookieName(_ config: AppConfig) -> String {
        (config.isHTTPS ? "__Host-" : "") + "meedenken-answers"
    }

    /// No Max-Age and no Expires: the browser forgets it when it closes.
    static func cookie(token: String, _ config: AppConfig) -> HTTPCookies.Value {
        config.cookie(token, maxAge: nil)
    }

    static func clearCookie(on response: Response, _ config: AppConfig) {
        response.cookies[cookieName(config)] = config.cookie("", maxAge: 0)
    }

    /// An unsent draft whose last page was saved longer than `idleTime` ago.
    static func isIdle(_ draft: DraftState, now: Date) -> Bool {
        !draft.isSent && draft.updatedAt < now.addingTimeInterval(-idleTime)
    }

    /// Why the start page is shown again; in the address (`?melding=`) after a redirect.
    enum Notice: String {
        /// The draft was idle too long and was deleted.
        case idle = "verlopen"
        /// The person pressed "Stop and clear".
        case cleared = "gewist"

        var messageKey: String {
            switch self {
            case .idle: "answer.notice.idle"
            case .cleared: "answer.notice.cleared"
            }
        }

        static let queryKey = SiteQuery.Name.answerNotice

        func path(_ start: SiteRoute) -> String { start.path(.answerNotice(rawValue)) }
    }
}
