import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226), as every common authenticator app makes
/// them: HMAC-SHA1, 6 digits, 30-second steps.
public struct TOTP: Sendable {
    public let secret: Data
    public let digits: Int
    public let period: TimeInterval

    public init(secret: Data, digits: Int = 6, period: TimeInterval = 30) {
        self.secret = secret
        self.digits = digits
        self.period = period
    }

    /// A new 160-bit secret, the size RFC 4226 recommends.
    public static func generateSecret() -> Data {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    public func timeStep(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    public func code(forStep step: Int64) -> String {
        var counter = UInt64(bitPattern: step).bigEndian
        let message = withUnsafeBytes(of: &counter) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: message, using: SymmetricKey(data: secret)))
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16)
            | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var modulus: UInt32 = 1
        for _ in 0..<digits { modulus *= 10 }
        let value = String(binary % modulus)
        return String(repeating: "0", count: digits - value.count) + value
    }

    public func code(at date: Date) -> String { code(forStep: timeStep(at: date)) }

    /// The step a typed code belongs to, allowing one step of clock drift either way, but never a
    /// step at or before `lastUsedStep`: a code works once (RFC 6238 §5.2).
    public func matchingStep(for typed: String, at date: Date, lastUsedStep: Int64?) -> Int64? {
        let cleaned = typed.filter { !$0.isWhitespace }
        guard cleaned.count == digits, cleaned.allSatisfy(\.isASCII), cleaned.allSatisfy(\.isNumber) else {
            return nil
        }
        let now = timeStep(at: date)
        for step in [now, now - 1, now + 1] where step > (lastUsedStep ?? Int64.min) {
            if SecureToken.constantTimeEquals(code(forStep: step), cleaned) { return step }
        }
        return nil
    }

    /// The `otpauth://` URI authenticator apps read (Google Authenticator key URI format).
    public func provisioningURI(account: String, issuer: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        let encodedIssuer = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        let encodedAccount = account.addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        // A literal colon between issuer and account, as the key URI format shows it.
        let label = "\(encodedIssuer):\(encodedAccount)"
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(encodedIssuer)"
            + "&algorithm=SHA1&digits=\(digits)&period=\(Int(period))"
    }
}
