import Testing

@testable import MeedenkenCore

@Suite("Export options: one vocabulary, one default")
struct ExportOptionsTests {
    private func options(_ query: [String: String]) -> ExportOptions? { ExportOptions(query: { query[$0] }) }

    @Test func theAPINamesAreReadWithOneDefault() {
        #expect(options([:]) == ExportOptions(format: .csv, separator: .semicolon))
        #expect(options(["format": "csv", "separator": "comma"]) == ExportOptions(format: .csv, separator: .comma))
        #expect(options(["format": "json"]) == ExportOptions(format: .json, separator: .semicolon))
        #expect(options(["format": "sav", "separator": "semicolon"]) == ExportOptions(format: .sav, separator: .semicolon))
        #expect(options(["format": "pdf"]) == nil, "an unknown format is refused, not read as the default")
        #expect(options(["separator": "tab"]) == ExportOptions(), "an unknown separator is the default one")
    }

    @Test func theOldWebNamesStillWorkForBookmarks() {
        #expect(options(["formaat": "csv", "scheidingsteken": "komma"]) == ExportOptions(format: .csv, separator: .comma))
        #expect(options(["formaat": "xlsx", "scheidingsteken": "puntkomma"]) == ExportOptions(format: .xlsx, separator: .semicolon))
        #expect(options(["formaat": "pdf"]) == nil)
        #expect(options(["format": "json", "formaat": "csv"])?.format == .json, "the API's name wins")
    }
}
