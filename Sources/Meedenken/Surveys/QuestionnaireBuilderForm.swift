import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct NewForm: Decodable {
    var key: String?
    var kind: String?
    var audience: String?
    var titleNL: String?
    var titleEN: String?
}

struct EditForm: Decodable {
    var actie: String?
    var titleNL: String?
    var titleEN: String?
    var introNL: String?
    var introEN: String?
    var anonymous: String?
    var newType: [String: String]?
    var newText: [String: String]?
    var bankItem: [String: String]?
}

struct QuestionForm: Decodable {
    var textNL: String?
    var textEN: String?
    var helpNL: String?
    var helpEN: String?
    var type: String?
    var required: String?
    var dontKnow: String?
    var notApplicable: String?
    var theme: String?
    var options: String?
    var condition: String?
}

struct BankForm: Decodable {
    var source: String?
    var licence: String?
}
