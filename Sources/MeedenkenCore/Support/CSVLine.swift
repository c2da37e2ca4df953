/// One CSV record (RFC 4180): fields with the separator, a quote or a line break are quoted.
/// Fields that start with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading apostrophe so
/// that Excel does not run them as formulas (an open answer is text from the public; OWASP CSV
/// injection).
public enum CSVLine {
    public static func make(_ fields: [String], separator: Character) -> String {
        fields.map { escape($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
    }

    public static func escape(_ field: String, separator: Character) -> String {
        var value = field
        // By scalar: "\r\n" is one Character, and it starts with a carriage return all the same.
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
