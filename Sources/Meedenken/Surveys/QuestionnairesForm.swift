import MeedenkenCore
import MeedenkenStore
import Vapor

/// The import form: a JSON document pasted or uploaded.
struct ImportForm: Decodable {
    var document: String?
    var file: File?
}
