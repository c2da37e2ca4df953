/// The languages of the interface. Dutch is the default everywhere (DESIGN §2).
public enum Language: String, CaseIterable, Codable, Sendable {
    case dutch = "nl"
    case english = "en"

    public static let `default` = Language.dutch

    /// The language's own name, shown in the switch so a reader finds their language.
    public var nativeName: String {
        switch self {
        case .dutch: "Nederlands"
        case .english: "English"
        }
    }
}
