struct PasswordChangeForm: Decodable {
    var currentPassword: String?
    var newPassword: String?
    var newPasswordRepeat: String?
}

struct EmailChangeForm: Decodable {
    var currentPassword: String?
    var newEmail: String?
}

struct LanguageForm: Decodable {
    var language: String?
    var terug: String?
}

/// `action` is `reset` (set up a new authenticator) or `codes` (new recovery codes).
struct TwoFactorChangeForm: Decodable {
    var currentPassword: String?
    var action: String?
}
