import Foundation

/// RFC 4648 base32, the alphabet authenticator apps expect for TOTP secrets.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ data: Data) -> String {
        var output = ""
        var buffer = 0
        var bitsLeft = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bitsLeft += 8
            while bitsLeft >= 5 {
                output.append(alphabet[(buffer >> (bitsLeft - 5)) & 31])
                bitsLeft -= 5
            }
        }
        if bitsLeft > 0 { output.append(alphabet[(buffer << (5 - bitsLeft)) & 31]) }
        return output
    }

    /// Decodes, ignoring spaces, dashes, padding and case (people type secrets by hand).
    /// Returns nil for any other character.
    public static func decode(_ string: String) -> Data? {
        var buffer = 0
        var bitsLeft = 0
        var output = Data()
        for character in string.uppercased() where !" -=".contains(character) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bitsLeft += 5
            if bitsLeft >= 8 {
                output.append(UInt8((buffer >> (bitsLeft - 8)) & 0xFF))
                bitsLeft -= 8
            }
            buffer &= 0xFFFF
        }
        return output
    }
}
