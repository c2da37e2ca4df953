struct AccountPage: Encodable {
    let layout: LayoutContext
    let displayName: String
    let email: String
    let roleLabel: String
    let hasSecondFactor: Bool
    let unusedRecoveryCodes: Int
    let notice: String?
    let languages: [SelectOption]
    let passwordAction: String
    let emailAction: String
    let languageAction: String
    let twoFactorAction: String
    let newEmail: String
    /// An address asked for and mailed, not yet confirmed.
    let pendingEmail: String?
    /// Which form the errors belong to: `password`, `email` or `twoFactor`.
    let errorsFor: String
    let errors: FormErrors
    let minimumLength: Int
}
