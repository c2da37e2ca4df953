import Vapor

struct SettingsForm: Decodable {
    var name: String?
    var brandColour: String?
    var contactURL: String?
    var complaintsURL: String?
    var confidentialAdviserURL: String?
    var privacyStatement: String?
    var minimumGroupSize: String?
    /// `je` or `u`; left out, the setting stays as it is.
    var adultForm: String?
}

/// The logo upload form (multipart). `remove` takes the logo away.
struct LogoForm: Decodable {
    var logo: File?
    var remove: String?
}
