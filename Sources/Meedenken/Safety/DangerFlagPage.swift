import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct DangerFlagPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let text: String
    let dangerWords: String
    let openAnswersHref: String
    let raised: String
    let isEscalated: Bool
    /// "Looked at by … on …: …", once someone has.
    let acknowledgement: String?
    let note: String?
    let actions: [SelectOption]
    let postedNote: String
    let saved: Bool
    let errors: FormErrors
}
