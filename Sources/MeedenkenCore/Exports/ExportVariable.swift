/// One column of a respondent-level export, with what SPSS and Excel users need to read it:
/// a label, value labels and the codes that mean "missing" ("weet ik niet", "n.v.t.").
public struct ExportVariable: Sendable {
    public enum Kind: Sendable, Equatable {
        case numeric
        /// Text of at most `width` bytes (UTF-8), at most 255.
        case string(width: Int)
    }

    public let name: String
    public let label: String
    public let kind: Kind
    public let valueLabels: [(value: Double, label: String)]
    /// At most three discrete codes, as the `.sav` format allows.
    public let missingValues: [Double]

    public init(name: String, label: String, kind: Kind, valueLabels: [(value: Double, label: String)] = [], missingValues: [Double] = []) {
        self.name = name
        self.label = label
        self.kind = kind
        self.valueLabels = valueLabels
        self.missingValues = Array(missingValues.prefix(3))
    }
}

/// One cell of a respondent-level export.
public enum ExportValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case missing

    /// As CSV writes it: whole numbers without decimals, a decimal comma when asked.
    public func csvText(decimalComma: Bool) -> String {
        switch self {
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
            let text = String(value)
            return decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
        case .text(let text): return text
        case .missing: return ""
        }
    }
}

extension String {
    /// At most `limit` bytes of UTF-8, cut at a character boundary.
    public func utf8Prefix(_ limit: Int) -> String {
        if utf8.count <= limit { return self }
        var result = ""
        var count = 0
        for character in self {
            let size = String(character).utf8.count
            if count + size > limit { break }
            result.append(character)
            count += size
        }
        return result
    }
}
