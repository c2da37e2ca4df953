import MeedenkenCore
import MeedenkenStore
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
    var onDuty: String?
    var escalationHours: String?
    /// Per help line (`HelpLine.Kind` raw value): `helpName_<kind>`, `helpPhone_<kind>`.
    var helpName_kindertelefoon: String?
    var helpPhone_kindertelefoon: String?
    var helpName_veilig_thuis: String?
    var helpPhone_veilig_thuis: String?
    var helpName_zelfmoordpreventie: String?
    var helpPhone_zelfmoordpreventie: String?
    var helpName_alarmnummer: String?
    var helpPhone_alarmnummer: String?

    func helpName(_ kind: HelpLine.Kind) -> String? {
        switch kind {
        case .childLine: helpName_kindertelefoon
        case .domesticAbuse: helpName_veilig_thuis
        case .suicidePrevention: helpName_zelfmoordpreventie
        case .emergency: helpName_alarmnummer
        }
    }

    func helpPhone(_ kind: HelpLine.Kind) -> String? {
        switch kind {
        case .childLine: helpPhone_kindertelefoon
        case .domesticAbuse: helpPhone_veilig_thuis
        case .suicidePrevention: helpPhone_zelfmoordpreventie
        case .emergency: helpPhone_alarmnummer
        }
    }
}

/// The logo upload form (multipart). `remove` takes the logo away.
struct LogoForm: Decodable {
    var logo: File?
    var remove: String?
}
