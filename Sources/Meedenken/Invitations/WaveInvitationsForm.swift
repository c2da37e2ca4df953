import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct WaveForm: Decodable {
    var van: String?
    var tot: String?
    var bestand: File?
    var inhoud: String?
}
