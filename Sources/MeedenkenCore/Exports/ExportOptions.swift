/// How an export is asked for, in one vocabulary for the web and the API: the API's names
/// (`format=csv|xlsx|sav|json`, `separator=comma|semicolon`) with one default, the semicolon
/// (Dutch Excel). The names the web used before (`formaat=…`, `scheidingsteken=komma|puntkomma`)
/// are still read, here and nowhere else, so bookmarks keep working.
public struct ExportOptions: Sendable, Equatable {
    public enum Format: String, CaseIterable, Sendable {
        case csv, json, xlsx, sav
    }

    /// The CSV separator.
    public enum Separator: String, CaseIterable, Sendable {
        case comma, semicolon

        public var character: Character { self == .comma ? "," : ";" }
    }

    public var format: Format
    public var separator: Separator

    public static let defaultFormat = Format.csv
    public static let defaultSeparator = Separator.semicolon

    /// The query names.
    public enum Name {
        public static let format = "format"
        public static let separator = "separator"
        /// Before the API's names were used on the web too.
        public static let legacyFormat = "formaat"
        public static let legacySeparator = "scheidingsteken"
    }

    public init(format: Format = defaultFormat, separator: Separator = defaultSeparator) {
        self.format = format
        self.separator = separator
    }

    /// Reads the options from query values (`value(name)`); nil for a format it does not know. A
    /// separator it does not know is the default one.
    public init?(query value: (String) -> String?) {
        let format = value(Name.format) ?? value(Name.legacyFormat)
        self.format = Self.defaultFormat
        if let format {
            guard let known = Format(rawValue: format) else { return nil }
            self.format = known
        }
        let separator = value(Name.separator) ?? value(Name.legacySeparator).flatMap { Self.legacySeparators[$0] }?.rawValue
        self.separator = separator.flatMap(Separator.init(rawValue:)) ?? Self.defaultSeparator
    }

    private static let legacySeparators: [String: Separator] = ["komma": .comma, "puntkomma": .semicolon]
}
