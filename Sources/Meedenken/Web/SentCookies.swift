import MeedenkenCore
import MeedenkenStore
import Vapor

extension Request {
    private struct SentCookiesKey: StorageKey { typealias Value = HTTPCookies }

    /// The cookies the browser sent, parsed once. Vapor's `cookies` parses the header again on
    /// every read, and a request reads four or five (CSRF, session, language, answers).
    var sentCookies: HTTPCookies {
        if let parsed = storage[SentCookiesKey.self] { return parsed }
        let parsed = headers.cookie ?? HTTPCookies()
        storage[SentCookiesKey.self] = parsed
        return parsed
    }
}
