import Crypto
import Foundation

/// Random secrets handed to people (session cookies, setup links, recovery codes, invitation links)
/// and the hashes we keep of them. We never store a token itself: a copy of the database must not
/// let anyone log in or answer in someone's name.
public enum SecureToken {
    /// A URL-safe random token of `byteCount` bytes (default 32 bytes = 256 bits; the rules ask ≥128).
    /// Eight bytes are taken from each draw of the system generator: drawn byte by byte, every
    /// byte cost a system call, and a panel send makes tens of thousands of links at once.
    public static func generate(byteCount: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount + 7)
        while bytes.count < byteCount {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        return base64URL(bytes.prefix(byteCount))
    }

    private static let base64URLDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Base64 with the URL alphabet and no padding (RFC 4648 §5), written in one pass.
    public static func base64URL<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var characters: [UInt8] = []
        characters.reserveCapacity((bytes.count * 4 + 2) / 3)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = second == nil ? nil : iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            characters.append(base64URLDigits[Int(group >> 18 & 0x3F)])
            characters.append(base64URLDigits[Int(group >> 12 & 0x3F)])
            if second != nil { characters.append(base64URLDigits[Int(group >> 6 & 0x3F)]) }
            if third != nil { characters.append(base64URLDigits[Int(group & 0x3F)]) }
        }
        return String(decoding: characters, as: UTF8.self)
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
        SecureToken.base64URL(self)
    }
}
