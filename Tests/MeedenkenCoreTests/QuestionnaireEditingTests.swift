import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Editing a questionnaire")
struct QuestionnaireEditingTests {
    func sample() -> QuestionnaireDefinition {
        var definition = QuestionnaireEditing.start(key: "proef", kind: .topical, audience: .parent, title: LocalizedText(nl: "Proef"))
        QuestionnaireEditing.addQuestion(.reportMark, text: LocalizedText(nl: "Cijfer?"), toPage: "p1", in: &definition)
        QuestionnaireEditing.addPage(in: &definition)
        return definition
    }

    @Test func questionsGetFreshKeysAndMoveWithinAndAcrossPages() {
        var definition = sample()
        #expect(definition.pages.map { $0.questions.map(\.key) } == [["vraag_1", "vraag_2"], ["vraag_3"]])
        QuestionnaireEditing.move("vraag_2", .up, in: &definition)
        #expect(definition.pages[0].questions.map(\.key) == ["vraag_2", "vraag_1"])
        QuestionnaireEditing.move("vraag_1", .down, in: &definition)
        #expect(definition.pages.map { $0.questions.map(\.key) } == [["vraag_2"], ["vraag_1", "vraag_3"]])
        QuestionnaireEditing.move("vraag_2", .up, in: &definition)
        #expect(definition.pages[0].questions.map(\.key) == ["vraag_2"], "the first question stays first")
    }

    @Test func removingTheLastQuestionOfAPageRemovesThePage() {
        var definition = sample()
        QuestionnaireEditing.remove("vraag_3", from: &definition)
        #expect(definition.pages.count == 1)
        QuestionnaireEditing.addPage(in: &definition)
        #expect(definition.pages.last?.key == "p2" || definition.pages.last?.key == "p3")
        #expect(Set(definition.questions.map(\.key)).count == definition.questions.count, "keys stay unique")
    }

    @Test func optionsComeFromLinesAndKeepTheirKeys() {
        let first = QuestionnaireEditing.options(fromLines: "Heel goed! | Very good\nSlecht\n\n", keeping: [])
        #expect(first.map(\.key) == ["heel_goed", "slecht"])
        #expect(first[0].label.values == ["nl": "Heel goed!", "en": "Very good"])
        let renamed = QuestionnaireEditing.options(fromLines: "Uitstekend | Excellent\nSlecht", keeping: first)
        #expect(renamed.map(\.key) == ["heel_goed", "slecht"], "a renamed option keeps its key, so results stay comparable")
        #expect(QuestionnaireEditing.lines(of: first) == "Heel goed! | Very good\nSlecht")
    }
}
