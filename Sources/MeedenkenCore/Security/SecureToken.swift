import Crypto
import Foundation

/// Random secrets handed to people (session cookies, setup links, recovery codes, invitation links)
/// and the hashes we keep of them. We never store a token itself: a copy of the database must not
/// let anyone log in or answer in someone's name.
public enum SecureToken {
    /// A URL-safe random token of `byteCount` bytes (default 32 bytes = 256 bits; the rules ask ≥128).
    public static func generate(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<byteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64URLEncodedString()
    }

    /// Hex SHA-256 of a token. Tokens are high-entropy, so a fast hash is enough (no bcrypt needed).
    public static func hash(_ token: String) -> String {
        hex(SHA256.hash(data: Data(token.utf8)))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Lower-case hex, written byte by byte (this runs for every request and every imported address).
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(hexDigits[Int(byte >> 4)])
            characters.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Compares two strings in time independent of where they first differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

extension Data {
    /// Base64 with the URL alphabet and no padding (RFC 4648 §5), safe in paths and cookies.
    public func base64URLEncodedString() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
