import Foundation

/// Single-use codes a staff member writes down in case they lose their authenticator.
public enum RecoveryCodes {
    /// Ten codes like `K7QF-M2XD-9RTA`: 60 random bits each, unambiguous letters, easy to type.
    public static func generate(count: Int = 10) -> [String] {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in
            let characters = (0..<12).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] }
            return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
        }
    }

    /// The form in which a code is hashed, so that `k7qf m2xd 9rta` matches `K7QF-M2XD-9RTA`.
    public static func normalise(_ typed: String) -> String {
        typed.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
