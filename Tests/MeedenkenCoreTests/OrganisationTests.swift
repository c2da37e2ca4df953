import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Organisation values")
struct OrganisationTests {
    @Test func theMinimumGroupSizeIsTenByDefaultAndNeverBelowFive() {
        #expect(MinimumGroupSize.default == 10)
        #expect(!MinimumGroupSize.isAcceptable(4))
        #expect(MinimumGroupSize.isAcceptable(5))
        #expect(!MinimumGroupSize.isAcceptable(0))
        #expect(!MinimumGroupSize.isAcceptable(-10))
    }

    /// Reference ratios: WebAIM's published #767676 (4.54:1) and the WCAG formula computed apart.
    @Test(arguments: [("#000000", 21.0), ("#1F5C99", 6.89), ("#767676", 4.54), ("#FFFFFF", 1.0)])
    func contrastAgainstWhiteFollowsWCAG(hex: String, ratio: Double) throws {
        let colour = try #require(BrandColour(hex: hex))
        #expect(abs(colour.contrastAgainstWhite - ratio) < 0.02)
    }

    @Test func aColourTooLightForWhiteTextIsRefused() throws {
        #expect(try #require(BrandColour(hex: "#FFCC00")).isReadableWithWhiteText == false)
        #expect(try #require(BrandColour(hex: "1f5c99")).isReadableWithWhiteText)
        #expect(BrandColour(hex: "#12345") == nil)
        #expect(BrandColour(hex: "red") == nil)
        #expect(BrandColour(hex: "#GGGGGG") == nil)
    }

    @Test func emailAddressesAreComparedCaseInsensitively() {
        #expect(EmailAddress(" Anna@Example.NL ")?.value == "anna@example.nl")
        #expect(EmailAddress("anna") == nil)
        #expect(EmailAddress("anna@localhost") == nil)
        #expect(EmailAddress("a@b@c.nl") == nil)
        #expect(EmailAddress("anna <a@b.nl>") == nil)
    }

    @Test func catalogsFillPlaceholdersAndReportMissingKeys() {
        let nl = StringCatalog(language: .dutch, strings: ["hello": "Hallo {name}", "only.nl": "x"])
        let en = StringCatalog(language: .english, strings: ["hello": "Hello {name}"])
        let localizer = Localizer(catalogs: [.dutch: nl, .english: en])
        #expect(localizer.text("hello", in: .english, ["name": "Anna"]) == "Hello Anna")
        #expect(localizer.text("missing", in: .dutch) == "missing")
        #expect(localizer.missingKeys() == [.english: ["only.nl"]])
    }
}

@Suite("Counted texts")
struct CountedTextTests {
    @Test func oneTakesTheSingularWhereTheCatalogHasOne() {
        let catalog = StringCatalog(language: .dutch, strings: ["x": "{count} trajecten", "x.one": "1 traject", "y": "{count} keer"])
        #expect(catalog.text("x", ["count": "1"]) == "1 traject")
        #expect(catalog.text("x", ["count": "2"]) == "2 trajecten")
        #expect(catalog.text("x", ["count": "0"]) == "0 trajecten")
        #expect(catalog.text("y", ["count": "1"]) == "1 keer", "without a singular, the one text")
    }
}
