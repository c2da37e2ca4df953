/// A reusable question with where it comes from and on what terms it may be used, so an author
/// knows whether a wording is the organisation's own or borrowed (DOMAIN.md: licensed instruments
/// are not copied). Its theme is the question's.
public struct QuestionBankItem: Codable, Hashable, Sendable {
    public var question: Question
    /// The audiences it was written for; empty means any.
    public var audiences: [QuestionnaireDefinition.Audience]
    public var source: String
    public var licence: String

    public init(question: Question, audiences: [QuestionnaireDefinition.Audience], source: String, licence: String) {
        self.question = question
        self.audiences = audiences
        self.source = source
        self.licence = licence
    }
}

/// The shipped bank file: `{"items": [...]}`.
public struct QuestionBankFile: Codable, Sendable {
    public var items: [QuestionBankItem]
}

extension QuestionnaireEditing {
    /// Adds a bank item at the end of a page under its own key, so answers to it can be compared
    /// across questionnaires. Nil when the questionnaire already has a question with that key.
    @discardableResult
    public static func add(_ item: QuestionBankItem, toPage pageKey: String, in definition: inout QuestionnaireDefinition) -> String? {
        guard definition.question(item.question.key) == nil, let index = definition.pages.firstIndex(where: { $0.key == pageKey }) else {
            return nil
        }
        var question = item.question
        question.condition = nil
        definition.pages[index].questions.append(question)
        return question.key
    }
}
