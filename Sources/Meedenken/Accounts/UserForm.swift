import Foundation
import MeedenkenCore
import MeedenkenStore

/// The new-user and edit-user forms. `teams` arrives as repeated `teams[]` checkboxes.
struct UserForm: Decodable {
    var displayName: String?
    var email: String?
    var role: String?
    var language: String?
    var teams: [String]?
    var disabled: String?
}
