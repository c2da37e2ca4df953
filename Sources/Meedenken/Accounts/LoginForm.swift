/// The login form as posted. Every field optional: see `Request.form(_:)`.
struct LoginForm: Decodable {
    var email: String?
    var password: String?
    var terug: String?
}

struct SecondFactorForm: Decodable {
    var code: String?
}

/// Choosing a password through a setup or activation link. Name and e-mail only for the first
/// administrator.
struct ChoosePasswordForm: Decodable {
    var displayName: String?
    var email: String?
    var password: String?
    var passwordRepeat: String?
}
