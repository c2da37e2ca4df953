import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct ProposalForm: Decodable {
    var firstName: String?
    var email: String?
    var role: String?
    var language: String?
    var agreed: String?
}
