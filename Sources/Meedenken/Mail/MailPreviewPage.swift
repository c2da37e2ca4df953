import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct MailPreviewPage: Encodable {
    struct Mail: Encodable {
        let heading: String
        let subject: String
        let body: String
    }

    let layout: LayoutContext
    let intro: String
    let settingsHref: String
    let mails: [Mail]
}
