struct LoginPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let email: String
    let returnTo: String
    let notice: String?
    let errors: FormErrors
}

struct SecondFactorPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let logoutHref: String
    let errors: FormErrors
}

struct TwoFactorEnrolmentPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    /// The secret in groups of four, easier to type into an app by hand.
    let secretGroups: [String]
    let provisioningURI: String
    let errors: FormErrors
}

struct RecoveryCodesPage: Encodable {
    let layout: LayoutContext
    let codes: [String]
    let continueHref: String
}

struct ChoosePasswordPage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let asksIdentity: Bool
    let displayName: String
    let email: String
    let minimumLength: Int
    let errors: FormErrors
}
