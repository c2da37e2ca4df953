/// Password rules after NIST SP 800-63B and OWASP ASVS: length only, no composition rules,
/// no forced rotation, every character allowed (pasting from a password manager included).
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1_000

    public enum Problem: String, Error, Sendable {
        case tooShort = "password.tooShort"
        case tooLong = "password.tooLong"
    }

    /// Counts characters as a person sees them, not bytes.
    public static func check(_ password: String) -> Problem? {
        if password.count < minimumLength { return .tooShort }
        if password.count > maximumLength { return .tooLong }
        return nil
    }
}
