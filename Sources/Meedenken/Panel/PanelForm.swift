import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct SendForm: Decodable {
    var questionnaire: String?
    var sampleSize: String?
}
