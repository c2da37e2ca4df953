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
    let hasLogo: Bool
    let logoHref: String
    let saved: Bool
    let errors: FormErrors
    let logoErrors: FormErrors
}
