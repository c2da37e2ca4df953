import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Danger words: the shipped list against a corpus of real-sounding answers")
struct DangerCorpusTests {
    /// The shipped starter list, read from the resource the application reads.
    static let shipped: Codebook = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/Codebook/codeboek.json")
        let data = (try? Data(contentsOf: url)) ?? Data()
        return (try? JSONDecoder().decode(Codebook.self, from: data)) ?? Codebook(stems: [:], dangerWords: [])
    }()

    /// A harmless answer may be flagged now and then (a coordinator reads it and moves on);
    /// an answer that must fire is never missed. The figures are printed for the issue note.
    @Test func theStarterListFindsEveryCryForHelpAndFewHarmlessAnswers() {
        let codebook = Self.shipped
        #expect(DangerPatterns(codebook.dangerWords).unreadable.isEmpty)
        #expect(DangerCorpus.mustFire.count >= 100 && DangerCorpus.mustNotFire.count >= 100)
        let missed = DangerCorpus.mustFire.filter { codebook.dangerMatches(in: $0).isEmpty }
        let falseAlarms = DangerCorpus.mustNotFire.filter { !codebook.dangerMatches(in: $0).isEmpty }
        print(
            """
            danger corpus: \(DangerCorpus.mustFire.count) must fire: \(DangerCorpus.mustFire.count - missed.count) true positives, \
            \(missed.count) false negatives; \(DangerCorpus.mustNotFire.count) harmless: \(falseAlarms.count) false positives, \
            \(DangerCorpus.mustNotFire.count - falseAlarms.count) true negatives
            """)
        for answer in falseAlarms { print("  false positive: \(answer) -> \(codebook.dangerMatches(in: answer))") }
        #expect(missed.isEmpty, "missed: \(missed)")
        // Known and accepted: "ik voel me thuis niet meer onveilig" (no negation handling) and a
        // ball hit by a sister. More than a handful would bury the real signals.
        #expect(falseAlarms.count <= 3, "false positives: \(falseAlarms)")
    }

    @Test func figuresOfSpeechWithDoodDoNotFireButTheIssueSentenceDoes() {
        let codebook = Self.shipped
        #expect(!codebook.dangerMatches(in: "Ik wil dood van al die regels").isEmpty)
        for harmless in ["doodmoe", "ik schrok me dood", "hij zei het doodleuk", "ik lach me dood", "dood saai", "de kat is dood"] {
            #expect(codebook.dangerMatches(in: harmless).isEmpty, "\(harmless)")
        }
    }
}

@Suite("Danger patterns: word forms, order, exceptions")
struct DangerPatternTests {
    @Test func anInfinitiveStandsForItsFormsAndWordOrderIsFree() {
        let patterns = DangerPatterns(["dood willen", "slaan @mij"])
        #expect(patterns.matches(in: "Ik WIL dood!") == ["dood willen"])
        #expect(patterns.matches(in: "dood wou ik toen") == ["dood willen"])
        #expect(patterns.matches(in: "hij sloeg me") == ["slaan @mij"])
        #expect(patterns.matches(in: "ik ben geslagen, niet door mij") == [])
        #expect(patterns.matches(in: "hij sla mij") == ["slaan @mij"])
    }

    @Test func aWrittenFormStandsForItselfOnly() {
        let patterns = DangerPatterns(["ik geslagen"])
        #expect(patterns.matches(in: "ik ben geslagen") == ["ik geslagen"])
        #expect(patterns.matches(in: "ik sla de bal") == [])
    }

    @Test func wordsTooFarApartOrInAnotherClauseDoNotMakeAPhrase() {
        let patterns = DangerPatterns(["niet veilig"])
        #expect(patterns.matches(in: "ik voel me thuis niet echt veilig") == ["niet veilig"])
        #expect(patterns.matches(in: "het was niet leuk. maar nu is het veilig") == [])
        #expect(patterns.matches(in: "niet dat het ooit zo erg was dat ik me heel erg veilig voelde") == [])
    }

    @Test func accentsStretchedLettersAndApostrophesAreRead() {
        #expect(DangerPatterns(["suicid*"]).matches(in: "Suïcidale gedachten") == ["suicid*"])
        #expect(DangerPatterns(["dood willen"]).matches(in: "ik wiiiil doooood") == ["dood willen"])
        #expect(DangerPatterns(["dont want live"]).matches(in: "I don’t want to live") == ["dont want live"])
    }

    @Test func exceptionsAndExactPhrasesReadInOrder() {
        let patterns = DangerPatterns(["\"zitten aan @mij\"", "!lachen me dood", "dood willen"])
        #expect(patterns.matches(in: "hij zit aan me") == ["\"zitten aan @mij\""])
        #expect(patterns.matches(in: "hij zat aan tafel met ons") == [])
        #expect(patterns.matches(in: "ik lach me dood, wil je nog een grap") == [])
    }

    @Test func anUnknownGroupIsReportedNotIgnored() {
        #expect(DangerPatterns(["slaan @wie"]).unreadable == ["slaan @wie"])
    }
}
