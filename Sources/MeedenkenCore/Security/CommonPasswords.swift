/// Passwords that appear in breach lists, which attackers try first (NIST SP 800-63B 3.1.1.2,
/// OWASP ASVS 2.1.7). Made from the text of a list, one password a line; the app loads its list
/// once from `Resources/Passwords/common-passwords.txt`.
public struct CommonPasswords: Sendable {
    private let passwords: Set<String>

    /// Lines of `list`, compared without regard to case; blank lines are skipped.
    public init(list: String) {
        var passwords: Set<String> = []
        for line in list.split(whereSeparator: \.isNewline) where !line.isEmpty {
            passwords.insert(line.lowercased())
        }
        self.passwords = passwords
    }

    /// No list: nothing is refused (for a test that is not about passwords).
    public static let none = CommonPasswords(list: "")

    public var count: Int { passwords.count }

    /// True for a listed password, also with digits, spaces or punctuation only added before or
    /// after it ("Password2024!", "123welkom"): the first changes attackers try.
    public func contains(_ password: String) -> Bool {
        let lowered = password.lowercased()
        if passwords.contains(lowered) { return true }
        var core = Substring(lowered)
        while let first = core.first, !first.isLetter { core.removeFirst() }
        while let last = core.last, !last.isLetter { core.removeLast() }
        return core.count >= 4 && passwords.contains(String(core))
    }
}
