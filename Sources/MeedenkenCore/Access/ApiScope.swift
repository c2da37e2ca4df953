/// What an API token may do. A token holds one or more scopes; each `/api/v1` route needs one.
public enum ApiScope: String, CaseIterable, Codable, Sendable {
    /// Post trajectory closures (carries contact details of clients).
    case closuresWrite = "closures:write"
    case questionnairesRead = "questionnaires:read"
    case questionnairesWrite = "questionnaires:write"
    /// Invitation counts per team; never who answered what.
    case statisticsRead = "statistics:read"
    /// Aggregated results, suppressed like every view of them.
    case resultsRead = "results:read"
    /// Single responses (for research): audit-logged with the token's name.
    case responsesExport = "responses:export"

    /// Scopes from a comma- or space-separated list, and the words that are not scopes.
    public static func parse(_ text: String) -> (scopes: Set<ApiScope>, unknown: [String]) {
        var scopes: Set<ApiScope> = []
        var unknown: [String] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !part.isEmpty {
            if let scope = ApiScope(rawValue: String(part)) { scopes.insert(scope) } else { unknown.append(String(part)) }
        }
        return (scopes, unknown)
    }
}
