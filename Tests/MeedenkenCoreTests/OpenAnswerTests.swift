import Testing

@testable import MeedenkenCore

@Suite("Open answers: suggestions, danger and masking")
struct OpenAnswerTests {
    let codebook = Codebook(
        stems: ["bereikbaarheid": ["bereikba", "terugbel", "telefo"], "informatie": ["informatie", "uitleg", "geinformeerd"]],
        dangerWords: ["onveilig", "mishandel*", "zelfmoord", "niet veilig"])

    @Test func themesAreSuggestedFromWordStarts() {
        #expect(codebook.suggestedThemes(for: "Ze belden nooit terug en waren onbereikbaar.") == ["bereikbaarheid"])
        #expect(codebook.suggestedThemes(for: "Ik werd goed geïnformeerd, ook telefonisch.") == ["bereikbaarheid", "informatie"])
        #expect(codebook.suggestedThemes(for: "Fijne mensen.").isEmpty)
    }

    @Test func dangerWordsAreFoundAsWordsAndPhrases() {
        #expect(codebook.dangerMatches(in: "Ik voel me thuis Onveilig") == ["onveilig"])
        #expect(codebook.dangerMatches(in: "Het is hier niet veilig meer") == ["niet veilig"])
        #expect(codebook.dangerMatches(in: "Hij werd mishandeld.") == ["mishandel*"])
        #expect(codebook.dangerMatches(in: "Veilig en fijn").isEmpty)
    }

    @Test func namesAndDetailsAreProposedForMasking() {
        let masked = TextMasking.proposal(for: "Ik vond Petra de Vries erg fijn. Bel 06-12345678 of mail p.devries@example.nl, dossier 2023456.")
        #expect(masked == "Ik vond [naam] de [naam] erg fijn. Bel [gegeven] of mail [gegeven], dossier [gegeven].")
        #expect(TextMasking.proposal(for: "Mijn begeleider was top.") == "Mijn begeleider was top.")
    }
}
