/// One help line's two inputs on the settings page.
struct HelpLineField: Encodable {
    let kind: String
    let label: String
    let name: String
    let phone: String
    let nameError: String?
    let phoneError: String?
}

struct SettingsPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let logoAction: String
    let name: String
    let brandColour: String
    let contactURL: String
    let complaintsURL: String
    let confidentialAdviserURL: String
    let privacyStatement: String
    let minimumGroupSize: String
    let minimumGroupSizeFloor: Int
    let adultForms: [SelectOption]
    let mailPreviewHref: String
    let helpLines: [HelpLineField]
    let onDuty: String
    let escalationHours: String
    let defaultEscalationHours: Int
    let hasLogo: Bool
    let logoHref: String
    let saved: Bool
    let errors: FormErrors
    let logoErrors: FormErrors
}
