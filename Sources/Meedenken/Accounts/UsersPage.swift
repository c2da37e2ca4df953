struct UsersPage: Encodable {
    struct Row: Encodable {
        let displayName: String
        let email: String
        let roleLabel: String
        let teams: String
        let statusLabel: String
        let editHref: String
    }

    let layout: LayoutContext
    let newUserHref: String
    let rows: [Row]
}

struct UserFormPage: Encodable {
    let layout: LayoutContext
    let isNew: Bool
    let formAction: String
    let resetAction: String?
    let displayName: String
    let email: String
    let roles: [SelectOption]
    let languages: [SelectOption]
    let teams: [SelectOption]
    let hasTeams: Bool
    let isDisabled: Bool
    let backHref: String
    let errors: FormErrors
}

/// Shown once after creating a user or resetting their access: the link to hand over.
struct ActivationLinkPage: Encodable {
    let layout: LayoutContext
    let displayName: String
    let activationURL: String
    let validDays: Int
    let backHref: String
}
