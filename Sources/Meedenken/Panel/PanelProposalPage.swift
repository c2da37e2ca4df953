import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct PanelProposalPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let errors: FormErrors
    let sent: Bool
    let firstName: String
    let email: String
    let roles: [SelectOption]
    let languages: [SelectOption]
    let agreed: Bool
}
