import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct ClosureImportForm: Decodable {
    var bestand: File?
    var inhoud: String?
}
