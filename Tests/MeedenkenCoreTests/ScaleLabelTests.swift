import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Smiley scales in words that fit the question")
struct ScaleLabelTests {
    let safeAtHome = Question(
        key: "veilig", type: .smiley3, text: LocalizedText(nl: "Voel je je nu veilig thuis?", en: "Do you feel safe at home now?"),
        scaleLabels: ["sad": LocalizedText(nl: "Nee", en: "No"), "happy": LocalizedText(nl: "Ja", en: "Yes")])

    @Test func aQuestionsOwnLabelsReplaceTheStandardOnesFaceByFace() {
        let options = safeAtHome.answerOptions
        #expect(options.map(\.key) == ["sad", "neutral", "happy"], "the stored keys stay the scale's own")
        #expect(options.map { $0.label.text("nl") } == ["Nee", "Gaat wel", "Ja"], "a face left out keeps its standard label")
        #expect(options.map { $0.label.text("en") } == ["No", "Okay", "Yes"])
        #expect(safeAtHome.parse(["happy"]) == .success(.option("happy")))
        #expect(safeAtHome.parse(["Ja"]) == .failure(.notAnOption), "a label is not a value")
    }

    @Test func labelsSurviveTheDocumentAndAreLeftOutWhenThereAreNone() throws {
        let encoded = try JSONEncoder().encode(safeAtHome)
        #expect(try JSONDecoder().decode(Question.self, from: encoded) == safeAtHome)
        let plain = Question(key: "fijn", type: .smiley3, text: LocalizedText(nl: "Fijn?"))
        #expect(!String(decoding: try JSONEncoder().encode(plain), as: UTF8.self).contains("scaleLabels"))
    }

    func problems(_ question: String) -> [String] {
        let document = """
            {"key": "kinderen", "kind": "exit", "audience": "child_8_11", "title": {"nl": "Wat vond jij?"},
             "pages": [{"key": "p1", "questions": [\(question)]}]}
            """
        switch DefinitionValidator(themes: []).validate(json: Data(document.utf8)) {
        case .success: return []
        case .failure(let found): return found.problems.map(\.description)
        }
    }

    @Test func theValidatorAcceptsLabelsOnlyForKnownFacesOfSmileyQuestions() {
        #expect(problems(#"{"key": "veilig", "type": "smiley_3", "text": {"nl": "Veilig?"}, "scaleLabels": {"sad": {"nl": "Nee", "en": "No"}}}"#).isEmpty)
        #expect(problems(#"{"key": "hulp", "type": "smiley_5", "text": {"nl": "Hulp?"}, "scaleLabels": {"very_happy": {"nl": "Super"}}}"#).isEmpty)
        #expect(
            problems(#"{"key": "cijfer", "type": "report_mark", "text": {"nl": "Cijfer?"}, "scaleLabels": {"sad": {"nl": "Nee"}}}"#)
                == ["/pages/0/questions/0/scaleLabels: scale_labels_not_allowed (report_mark)"])
        #expect(
            problems(#"{"key": "veilig", "type": "smiley_3", "text": {"nl": "Veilig?"}, "scaleLabels": {"very_sad": {"nl": "Nooit"}}}"#)
                == ["/pages/0/questions/0/scaleLabels/very_sad: unknown_option (very_sad)"], "a three-face scale has no very sad face")
        #expect(
            problems(#"{"key": "veilig", "type": "smiley_3", "text": {"nl": "Veilig?"}, "scaleLabels": {"sad": {"en": "No"}}}"#)
                == ["/pages/0/questions/0/scaleLabels/sad/nl: missing_dutch"])
        #expect(
            problems(#"{"key": "veilig", "type": "smiley_3", "text": {"nl": "Veilig?"}, "scaleLabels": ["Nee", "Ja"]}"#)
                == ["/pages/0/questions/0/scaleLabels: wrong_type (object)"])
    }

    @Test func theBuilderReadsOneLinePerFaceAndKeepsOnlyWhatDiffers() {
        let read = QuestionnaireEditing.scaleLabels(fromLines: "Nee | No\nGaat wel | Okay\nJa\n", for: .smiley3)
        #expect(read.labels == ["sad": LocalizedText(nl: "Nee", en: "No"), "happy": LocalizedText(nl: "Ja")])
        #expect(read.extra == 0)
        #expect(QuestionnaireEditing.scaleLabels(fromLines: "Niet fijn | Not nice\n\nFijn | Nice", for: .smiley3).labels == nil)
        #expect(QuestionnaireEditing.scaleLabels(fromLines: "a\nb\nc\nd", for: .smiley3).extra == 1)
        #expect(QuestionnaireEditing.scaleLabels(fromLines: "Nee\nJa", for: .yesNo).labels == nil, "only smileys have faces to name")
    }
}
