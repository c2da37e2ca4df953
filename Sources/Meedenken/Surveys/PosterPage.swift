import Fluent
import MeedenkenCore
import MeedenkenStore
import Vapor

/// What the poster shows; the QR code as SVG path data the template draws.
struct PosterPage: Encodable {
    let layout: LayoutContext
    let organisation: String
    let title: String
    let link: String
    let qrLabel: String
    let qrSide: Int
    let qrPath: String
    let privacy: String
    let backHref: String
}
