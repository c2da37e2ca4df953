import Foundation

/// Interface texts for one language: a flat map from keys (`login.title`) to text, with `{name}`
/// placeholders. Loaded from `Resources/Locales/<code>.json`.
public struct StringCatalog: Sendable {
    public let language: Language
    public let strings: [String: String]

    public init(language: Language, strings: [String: String]) {
        self.language = language
        self.strings = strings
    }

    public init(language: Language, json: Data) throws {
        self.init(language: language, strings: try JSONDecoder().decode([String: String].self, from: json))
    }

    /// The text for `key` with placeholders filled in. A missing key shows the key itself, which a
    /// test makes impossible for every key the templates and code use. With a `count` of 1 the
    /// singular `key.one` is used where the catalog has one ("1 traject", not "1 trajecten");
    /// Dutch and English both have just the two forms.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        let singular = arguments["count"] == "1" ? strings[key + ".one"] : nil
        guard let text = singular ?? strings[key] else { return key }
        guard !arguments.isEmpty, text.contains("{") else { return text }
        // One pass over the text: a value is put in as it is, never read for placeholders itself
        // (a name someone typed may hold braces).
        var result = ""
        result.reserveCapacity(text.utf8.count + 64)
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = arguments[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        result += rest
        return result
    }
}

/// All catalogs together, with the check that they describe the same keys.
public struct Localizer: Sendable {
    public let catalogs: [Language: StringCatalog]

    public init(catalogs: [Language: StringCatalog]) { self.catalogs = catalogs }

    public func catalog(_ language: Language) -> StringCatalog {
        catalogs[language] ?? catalogs[.default] ?? StringCatalog(language: language, strings: [:])
    }

    public func text(_ key: String, in language: Language, _ arguments: [String: String] = [:]) -> String {
        catalog(language).text(key, arguments)
    }

    /// Keys present in one catalog but not in another, per language: must be empty.
    public func missingKeys() -> [Language: Set<String>] {
        let all = catalogs.values.reduce(into: Set<String>()) { $0.formUnion($1.strings.keys) }
        var missing: [Language: Set<String>] = [:]
        for language in Language.allCases {
            let gap = all.subtracting(catalogs[language]?.strings.keys.map { $0 } ?? [])
            if !gap.isEmpty { missing[language] = gap }
        }
        return missing
    }
}
