import Foundation

/// Coarse age bands for the panel: a segment or a count never needs a birth year.
public enum PanelAgeBand: String, CaseIterable, Codable, Sendable {
    case under12 = "0-11"
    case from12To15 = "12-15"
    case from16To17 = "16-17"
    case from18To23 = "18-23"
    /// Adults who gave no birth year (parents, foster parents).
    case adult = "adult"

    /// The band of someone born in `birthYear`, in the year of `today` (`YYYY-MM-DD`), taking the
    /// youngest age they can be (as `ConsentRule` does).
    public static func of(birthYear: Int?, today: String) -> PanelAgeBand {
        guard let birthYear, let year = Int(today.prefix(4)) else { return .adult }
        let age = year - birthYear - 1
        switch age {
        case ..<12: return .under12
        case 12...15: return .from12To15
        case 16...17: return .from16To17
        case 18...23: return .from18To23
        default: return .adult
        }
    }
}
