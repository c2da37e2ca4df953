/// What control characters mean in text that people send (decided once, for every form, query,
/// address and API body, on SQLite and PostgreSQL alike): they are removed. A NUL or an escape
/// byte is never something a person meant to type, PostgreSQL cannot store a NUL at all, and
/// removing them lets a respondent who pasted one still finish. Tab, line feed and carriage
/// return stay: they are how people type lines.
public enum ControlCharacters {
    /// Whether a scalar is a control character that is removed (C0 but tab, LF, CR; DEL; C1).
    public static func isRemoved(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: true
        default: false
        }
    }

    /// The text without removed control characters (the same text when it has none).
    public static func removed(from text: String) -> String {
        guard text.unicodeScalars.contains(where: isRemoved) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isRemoved($0) })
        return String(scalars)
    }

    /// A JSON text without removed control characters, raw or escaped (`\u0000`); everything
    /// else, escapes included, byte for byte.
    public static func removed(fromJSON bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let hex: (UInt8) -> UInt32? = { byte in
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "u"), index + 5 < bytes.count {
                    let digits = bytes[(index + 2)...(index + 5)].compactMap(hex)
                    if digits.count == 4, let scalar = Unicode.Scalar(digits.reduce(0) { $0 << 4 | $1 }), isRemoved(scalar) {
                        index += 6
                        continue
                    }
                }
                output.append(byte)
                output.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D || byte == 0x7F {
                index += 1
                continue
            }
            // C1 controls in UTF-8: C2 80 … C2 9F.
            if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) {
                index += 2
                continue
            }
            output.append(byte)
            index += 1
        }
        return output
    }
}
