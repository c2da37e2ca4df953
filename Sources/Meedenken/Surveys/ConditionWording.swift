import MeedenkenCore
import Vapor

/// A condition in words for the builder ("‘cijfer’ is 6 of lager"), never as JSON: questions by
/// their key and text, options by their label, in the coordinator's language.
struct ConditionWording {
    let definition: QuestionnaireDefinition
    let language: Language
    let localizer: Localizer

    func words(_ condition: Condition) -> String {
        switch condition {
        case .equals(let question, let value):
            t("builder.condition.equals", question, ["value": option(value, of: question)])
        case .oneOf(let question, let values):
            t("builder.condition.oneOf", question, ["values": values.map { option($0, of: question) }.joined(separator: t("builder.condition.or"))])
        case .includes(let question, let value):
            t("builder.condition.includes", question, ["value": option(value, of: question)])
        case .atLeast(let question, let value):
            t("builder.condition.atLeast", question, ["value": "\(value)"])
        case .atMost(let question, let value):
            t("builder.condition.atMost", question, ["value": "\(value)"])
        case .answered(let question):
            t("builder.condition.answered", question)
        case .all(let parts):
            parts.map(words).joined(separator: t("builder.condition.and"))
        case .any(let parts):
            parts.map(words).joined(separator: t("builder.condition.or"))
        case .not(let inner):
            localizer.text("builder.condition.not", in: language, ["condition": words(inner)])
        }
    }

    private func t(_ key: String, _ question: String? = nil, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        if let question { arguments["question"] = name(of: question) }
        return localizer.text(key, in: language, arguments)
    }

    /// ‘cijfer’ (Welk rapportcijfer geeft u?): the key people type, and the text they recognise.
    private func name(of key: String) -> String {
        guard let question = definition.questions.first(where: { $0.key == key }) else { return "‘\(key)’" }
        return "‘\(key)’ (\(question.text.text(language.rawValue)))"
    }

    private func option(_ key: String, of question: String) -> String {
        let label = definition.questions.first { $0.key == question }?.answerOptions.first { $0.key == key }?.label.text(language.rawValue)
        return "‘\(label ?? key)’"
    }
}
