import Foundation
import Testing

@testable import MeedenkenCore

/// A small questionnaire with a condition: the follow-up is asked only after a low mark.
let sampleDefinition = QuestionnaireDefinition(
    key: "exit-parents", kind: .exit, audience: .parent, title: LocalizedText(nl: "Hoe was de hulp?", en: "How was our help?"),
    pages: [
        QuestionPage(
            key: "p1",
            questions: [
                Question(key: "mark", type: .reportMark, text: LocalizedText(nl: "Welk cijfer geeft u?"), required: true, theme: "resultaat"),
                Question(key: "why_low", type: .longText, text: LocalizedText(nl: "Wat kan beter?"), condition: .atMost(question: "mark", value: 5)),
            ]),
        QuestionPage(
            key: "p2", condition: .atLeast(question: "mark", value: 1),
            questions: [
                Question(key: "reach", type: .frequency4, text: LocalizedText(nl: "Kon u uw jeugdbeschermer bereiken?"), allowsDontKnow: true),
                Question(
                    key: "topics", type: .multipleChoice, text: LocalizedText(nl: "Waarover?"),
                    options: [
                        AnswerOption(key: "school", label: LocalizedText(nl: "School")), AnswerOption(key: "home", label: LocalizedText(nl: "Thuis")),
                    ]),
            ]),
    ])

@Suite("Questionnaire answers and conditions")
struct SurveyTests {
    @Test func answersAreParsedPerQuestionType() {
        let mark = sampleDefinition.question("mark")!
        #expect(mark.parse(["7"]) == .success(.number(7)))
        #expect(mark.parse(["11"]) == .failure(.outOfRange))
        #expect(mark.parse(["zeven"]) == .failure(.notAnOption))
        #expect(mark.parse([]) == .failure(.required))
        #expect(mark.parse(["7", "8"]) == .failure(.oneOnly))
        let reach = sampleDefinition.question("reach")!
        #expect(reach.parse(["mostly"]) == .success(.option("mostly")))
        #expect(reach.parse([Question.dontKnowValue]) == .success(.dontKnow))
        #expect(reach.parse([Question.notApplicableValue]) == .failure(.notAnOption), "not offered here")
        #expect(reach.parse([]) == .success(nil), "optional")
        let topics = sampleDefinition.question("topics")!
        #expect(topics.parse(["home", "school"]) == .success(.options(["school", "home"])), "kept in questionnaire order")
        #expect(topics.parse(["moon"]) == .failure(.notAnOption))
        let text = sampleDefinition.question("why_low")!
        #expect(text.parse(["  te weinig contact  "]) == .success(.text("te weinig contact")))
        #expect(text.parse([String(repeating: "a", count: 5_001)]) == .failure(.tooLong))
    }

    @Test func theFriendsAndFamilyTestOffersDontKnowAsAnOption() {
        let fft = Question(key: "fft", type: .friendsAndFamily, text: LocalizedText(nl: "Hoe was uw ervaring?"))
        #expect(fft.answerOptions.map(\.key) == ["very_poor", "poor", "neither", "good", "very_good", "dont_know"])
        #expect(fft.answerOptions.allSatisfy { $0.label.values["en"] != nil })
    }

    @Test func aFollowUpQuestionIsShownOnlyWhenItsConditionHolds() {
        let flow = ResponseFlow(sampleDefinition)
        #expect(flow.visiblePages(given: [:]).map(\.key) == ["p1"], "page 2 needs a mark")
        #expect(flow.visiblePages(given: [:]).first?.questions.map(\.key) == ["mark"])
        let low = flow.visiblePages(given: ["mark": .number(4)])
        #expect(low.map(\.key) == ["p1", "p2"] && low[0].questions.map(\.key) == ["mark", "why_low"])
        let high = flow.visiblePages(given: ["mark": .number(8)])
        #expect(high[0].questions.map(\.key) == ["mark"])
    }

    @Test func readingAPageUsesAnswersGivenEarlierOnTheSamePage() {
        let flow = ResponseFlow(sampleDefinition)
        let low = flow.read(page: "p1", posted: ["mark": ["3"], "why_low": ["Niemand belde terug"]], given: [:])
        #expect(low.problems.isEmpty)
        #expect(low.answers == ["mark": .number(3), "why_low": .text("Niemand belde terug")])
        let high = flow.read(page: "p1", posted: ["mark": ["9"], "why_low": ["verborgen"]], given: [:])
        #expect(high.answers == ["mark": .number(9)], "a hidden question's answer is not taken")
        let missing = flow.read(page: "p1", posted: [:], given: [:])
        #expect(missing.problems == ["mark": .required])
    }

    @Test func changingAnEarlyAnswerDropsAnswersToQuestionsItHides() {
        let flow = ResponseFlow(sampleDefinition)
        let kept = flow.keepingVisible(["mark": .number(9), "why_low": .text("oud antwoord"), "reach": .option("always")])
        #expect(kept == ["mark": .number(9), "reach": .option("always")])
        #expect(flow.firstIncompletePage(kept) == nil)
        #expect(flow.firstIncompletePage([:])?.page.key == "p1")
        #expect(flow.page(after: nil, given: [:])?.key == "p1")
        #expect(flow.page(after: "p1", given: ["mark": .number(6)])?.key == "p2")
        #expect(flow.page(after: "p2", given: ["mark": .number(6)]) == nil)
    }

    @Test func conditionsCombine() {
        let answers: [String: Answer] = ["mark": .number(6), "topics": .options(["school"]), "reach": .dontKnow]
        #expect(Condition.all([.atLeast(question: "mark", value: 6), .includes(question: "topics", value: "school")]).isSatisfied(by: answers))
        #expect(Condition.any([.equals(question: "reach", value: "never"), .answered(question: "reach")]).isSatisfied(by: answers))
        #expect(!Condition.oneOf(question: "reach", values: ["never", "sometimes"]).isSatisfied(by: answers), "don't know matches no option")
        #expect(Condition.not(.includes(question: "topics", value: "home")).isSatisfied(by: answers))
    }

    @Test func aDefinitionSurvivesAJSONRoundTrip() throws {
        let data = try JSONEncoder().encode(sampleDefinition)
        let result = DefinitionValidator(themes: ["resultaat"]).validate(json: data)
        #expect(try result.get() == sampleDefinition)
    }
}

@Suite("Importing questionnaire documents")
struct DefinitionValidatorTests {
    let validator = DefinitionValidator(themes: ["bereikbaarheid", "resultaat"])

    func problems(_ json: String) -> [String] {
        switch validator.validate(json: Data(json.utf8)) {
        case .success: return []
        case .failure(let failure): return failure.problems.map(\.description)
        }
    }

    @Test func aDocumentWithoutAnonymousIsAnonymous() throws {
        let json =
            #"{"key": "kort", "kind": "topical", "audience": "parent", "title": {"nl": "Kort"}, "pages": [{"key": "p1", "questions": [{"key": "q1", "type": "yes_no", "text": {"nl": "Ja?"}}]}]}"#
        let definition = try validator.validate(json: Data(json.utf8)).get()
        #expect(definition.anonymous)
    }

    @Test func somethingThatIsNotJSONSaysSo() {
        #expect(problems("{ nee") == ["/: not_json"])
        #expect(problems("[1, 2]") == ["/: not_an_object"])
    }

    @Test func everyProblemIsReportedWithItsJSONPointer() {
        let document = """
            {
              "key": "Exit Ouders", "kind": "exit", "audience": "grandparent", "anonymous": 1,
              "title": {"en": "Only English"},
              "pages": [
                {"key": "p1", "questions": [
                  {"key": "mark", "type": "report_mark", "text": {"nl": "Cijfer?"}, "options": [], "theme": "sfeer"},
                  {"key": "mark", "type": "single_choice", "text": {"nl": "Kies"}, "options": [{"key": "a", "label": {"nl": "A"}}]},
                  {"key": "late", "type": "yes_no", "text": {"nl": "Later?"}, "condition": {"question": "after", "equals": "yes"}},
                  {"key": "cond", "type": "yes_no", "text": {"nl": "Cond"}, "condition": {"question": "mark", "equals": "11"}},
                  {"key": "bad", "type": "dropdown", "text": "Tekst"}
                ]},
                {"key": "p1", "questions": []}
              ]
            }
            """
        let found = Set(problems(document))
        let expected: Set<String> = [
            "/key: bad_key (Exit Ouders)",
            "/audience: unknown_value (grandparent)",
            "/anonymous: wrong_type (boolean)",
            "/title/nl: missing_dutch",
            "/pages/0/questions/0/options: options_not_allowed (report_mark)",
            "/pages/0/questions/0/theme: unknown_theme (sfeer)",
            "/pages/0/questions/1/options: too_few_options",
            "/pages/0/questions/1/key: duplicate_key (mark)",
            "/pages/0/questions/2/condition/question: later_question (after)",
            "/pages/0/questions/3/condition/equals: unknown_option (11)",
            "/pages/0/questions/4/type: unknown_value (dropdown)",
            "/pages/0/questions/4/text: wrong_type (object)",
            "/pages/1/key: duplicate_key (p1)",
            "/pages/1/questions: empty",
        ]
        #expect(found == expected)
    }

    @Test func conditionsMustFitTheQuestionTheyLookAt() {
        let document = """
            {"key": "k", "kind": "topical", "audience": "parent", "title": {"nl": "T"}, "pages": [{"key": "p", "questions": [
              {"key": "yn", "type": "yes_no", "text": {"nl": "?"}},
              {"key": "a", "type": "yes_no", "text": {"nl": "?"}, "condition": {"question": "yn", "atLeast": 3}},
              {"key": "b", "type": "yes_no", "text": {"nl": "?"}, "condition": {"question": "yn", "includes": "yes"}},
              {"key": "c", "type": "yes_no", "text": {"nl": "?"}, "condition": {"all": []}},
              {"key": "d", "type": "yes_no", "text": {"nl": "?"}, "condition": {"question": "yn"}},
              {"key": "e", "type": "yes_no", "text": {"nl": "?"}, "condition": {"not": {"question": "yn", "oneOf": ["yes", "maybe"]}}}
            ]}]}
            """
        #expect(
            Set(problems(document)) == [
                "/pages/0/questions/1/condition/atLeast: not_numeric (yes_no)",
                "/pages/0/questions/2/condition/includes: bad_condition (includes needs multiple_choice)",
                "/pages/0/questions/3/condition/all: empty",
                "/pages/0/questions/4/condition: bad_condition (equals, oneOf, includes, atLeast, atMost or answered)",
                "/pages/0/questions/5/condition/not/oneOf/1: unknown_option (maybe)",
            ])
    }
}

@Suite("Starter questionnaires")
struct StarterQuestionnaireTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Resources/Questionnaires")

    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "json" }
    }

    @Test func theStarterQuestionnairesAreValidAndBilingual() throws {
        let validator = DefinitionValidator(themes: Set(Theme.defaults.map(\.key)))
        #expect(Self.files.count == 5)
        var audiences: Set<QuestionnaireDefinition.Audience> = []
        for file in Self.files {
            let definition = try validator.validate(json: try Data(contentsOf: file)).get()
            audiences.insert(definition.audience)
            #expect(definition.anonymous)
            #expect(definition.introduction?.values["en"] != nil, "\(file.lastPathComponent) explains anonymity in both languages")
            for question in definition.questions {
                #expect(question.text.values["en"] != nil, "\(file.lastPathComponent) \(question.key)")
                #expect(question.type.hasAuthoredOptions == (question.options != nil))
            }
        }
        #expect(audiences == Set(QuestionnaireDefinition.Audience.allCases), "an exit questionnaire for every audience, foster parents too")
    }

    @Test func theChildrensVersionUsesSmileysOnlyOneQuestionAPage() throws {
        let file = Self.folder.appendingPathComponent("einde-begeleiding-kinderen.json")
        let definition = try JSONDecoder().decode(QuestionnaireDefinition.self, from: Data(contentsOf: file))
        #expect(definition.pages.allSatisfy { $0.questions.count == 1 })
        #expect(definition.questions.filter { !$0.type.isText }.allSatisfy { [.smiley3, .smiley5].contains($0.type) })
    }
}
