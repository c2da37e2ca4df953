/// Text in several languages, keyed by language code (`nl`, `en`, and any further language an
/// organisation adds). Dutch is required; other languages fall back to Dutch.
public struct LocalizedText: Codable, Hashable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public init(nl: String, en: String? = nil) {
        values = ["nl": nl]
        if let en { values["en"] = en }
    }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    /// The text in `language`, else in Dutch.
    public func text(_ language: String) -> String {
        if let text = values[language], !text.isEmpty { return text }
        return values["nl"] ?? ""
    }

}
