import Foundation
import Testing

@testable import MeedenkenCore

/// Placeholders are filled in one pass: a value is put in as given, never read for placeholders
/// itself (a first name someone typed may hold braces), and an unknown placeholder stays.
@Suite struct StringCatalogTests {
    let catalog = StringCatalog(
        language: .dutch, strings: ["greeting": "Hoi {name}, welkom bij {organisation}. {onbekend}", "count": "{count} leden", "count.one": "{count} lid"])

    @Test func placeholdersAreFilledOnceAndValuesAreNotReadAgain() {
        let text = catalog.text("greeting", ["name": "{organisation}", "organisation": "Jeugdzorg"])
        #expect(text == "Hoi {organisation}, welkom bij Jeugdzorg. {onbekend}")
    }

    @Test func theSingularIsUsedForOne() {
        #expect(catalog.text("count", ["count": "1"]) == "1 lid")
        #expect(catalog.text("count", ["count": "3"]) == "3 leden")
        #expect(catalog.text("ontbreekt") == "ontbreekt")
    }

    /// One formatter per zone, language and form, used from many threads at once: the same text.
    @Test func datesFormatTheSameFromManyThreads() async {
        let calendar = OrganisationCalendar.netherlands
        let date = Date(timeIntervalSince1970: 1_796_205_600)
        let texts = await withTaskGroup(of: String.self) { group in
            for index in 0..<64 { group.addTask { calendar.formatted(date, language: index % 2 == 0 ? .dutch : .english, withTime: false) } }
            var all: Set<String> = []
            for await text in group { all.insert(text) }
            return all
        }
        #expect(texts == ["2 december 2026", "2 December 2026"])
    }
}
