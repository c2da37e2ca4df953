import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

struct EmailConfirmationPage: Encodable {
    let layout: LayoutContext
    let newEmail: String
    let formAction: String
    /// Done: the page says so instead of showing the button.
    let confirmed: Bool
    let accountHref: String
}
