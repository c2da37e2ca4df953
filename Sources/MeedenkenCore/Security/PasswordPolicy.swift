/// Password rules after NIST SP 800-63B and OWASP ASVS: length only, no composition rules,
/// no forced rotation, every character allowed (pasting from a password manager included), and
/// none of the passwords that breach lists show people choose most.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1_000

    public enum Problem: String, Error, Sendable {
        case tooShort = "password.tooShort"
        case tooLong = "password.tooLong"
        case common = "password.common"
    }

    /// Counts characters as a person sees them, not bytes. Every place that sets a password
    /// passes the app's list of common passwords.
    public static func check(_ password: String, refusing common: CommonPasswords) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength { return .tooLong }
        if common.contains(password) { return .common }
        return nil
    }
}
