import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct TokenForm: Decodable {
    var name: String?
    var scopes: [String]?
}
