import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct UnsubscribePage: Encodable {
    let layout: LayoutContext
    let organisation: String
    let formAction: String
    let isDone: Bool
    let errors: FormErrors
}
