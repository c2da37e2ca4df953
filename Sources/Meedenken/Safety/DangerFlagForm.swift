import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct DangerFlagForm: Decodable {
    var action: String?
    var note: String?
}
