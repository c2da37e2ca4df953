import Foundation

/// A CSV file as rows of fields (RFC 4180: quoted fields, doubled quotes, line breaks inside
/// quotes). The separator is read from the header line, because Dutch spreadsheets write `;`.
public struct CSVTable: Sendable {
    public let header: [String]
    /// Data rows with their line number in the file (the header is line 1).
    public let rows: [(line: Int, fields: [String])]

    public init(text: String) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let firstLine = body.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Character =
            firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
        var records: [(Int, [String])] = []
        var field = ""
        var record: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = Array(body).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending {
                pending = nil
                return p
            }
            return iterator.next()
        }
        while let character = next() {
            if inQuotes {
                if character == "\"" {
                    let following = next()
                    if following == "\"" {
                        field.append("\"")
                    } else {
                        inQuotes = false
                        pending = following
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: inQuotes = true
            case separator:
                record.append(field)
                field = ""
            case "\r", "\n", "\r\n":
                record.append(field)
                field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
                record = []
                line += 1
                recordLine = line
            default: field.append(character)
            }
        }
        record.append(field)
        if !(record.count == 1 && record[0].isEmpty) { records.append((recordLine, record)) }
        header = records.first?.1.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? []
        rows = records.dropFirst().map { (line: $0.0, fields: $0.1) }
    }
}
