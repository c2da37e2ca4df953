import MeedenkenCore
import MeedenkenStore

/// The questionnaire document (docs/questionnaire-schema.md) in JSON Schema, from the same
/// vocabularies `DefinitionValidator` checks with. Every constraint here the validator enforces;
/// what JSON Schema cannot say (keys unique, a condition may only look at an earlier question and
/// its options, options only for the choice types) is in the descriptions and answered with 422.
enum QuestionnaireSchemas {
    /// A key: lower-case letters, digits, `-` and `_`, 1 to 64 of them (`DefinitionValidator.isValidKey`).
    static let key = JSONSchema.string(
        description: "Lower-case letters, digits, - and _", minLength: 1, maxLength: DefinitionValidator.maximumKeyLength,
        pattern: "^[a-z0-9_-]+$")

    static var components: [String: JSONSchema] {
        [
            "LocalizedText": .object(
                properties: [("nl", .string(description: "Dutch, required and not blank", pattern: JSONSchema.notBlank))], required: ["nl"],
                description: "Language code → text; other languages fall back to Dutch", additional: .string()),
            "Condition": condition,
            "AnswerOption": .object(properties: [("key", key), ("label", .reference("LocalizedText"))], required: ["key", "label"]),
            // What the API accepts: themes from the default list.
            "QuestionnaireDocument": document(question: "Question", page: "QuestionPage", description: "A new questionnaire or version"),
            "QuestionPage": page(question: "Question"),
            "Question": question(themes: Theme.defaults.map(\.key)),
            // What it gives back: a stored version may use themes the organisation added since.
            "StoredQuestionnaireDocument": document(
                question: "StoredQuestion", page: "StoredQuestionPage", description: "A stored version, as exported"),
            "StoredQuestionPage": page(question: "StoredQuestion"),
            "StoredQuestion": question(themes: nil),
        ]
    }

    static func document(question: String, page: String, description: String) -> JSONSchema {
        .object(
            properties: [
                ("key", key), ("kind", .string(enumeration: QuestionnaireDefinition.Kind.allCases.map(\.rawValue))),
                ("audience", .string(enumeration: QuestionnaireDefinition.Audience.allCases.map(\.rawValue))),
                ("anonymous", .boolean(description: "Default true: answers cannot be linked to a person")),
                ("title", .reference("LocalizedText")), ("introduction", .reference("LocalizedText")),
                ("pages", .array(.reference(page), minItems: 1)),
            ], required: ["key", "kind", "audience", "title", "pages"],
            description: "\(description): see docs/questionnaire-schema.md. Page and question keys are unique (422 otherwise).")
    }

    static func page(question: String) -> JSONSchema {
        .object(
            properties: [
                ("key", key), ("title", .reference("LocalizedText")),
                ("condition", .reference("Condition")), ("questions", .array(.reference(question), minItems: 1)),
            ], required: ["key", "questions"], description: "A page condition may only look at questions on earlier pages")
    }

    static func question(themes: [String]?) -> JSONSchema {
        .object(
            properties: [
                ("key", key), ("type", .string(enumeration: QuestionType.allCases.map(\.rawValue))), ("text", .reference("LocalizedText")),
                ("help", .reference("LocalizedText")), ("required", .boolean()),
                ("allowsDontKnow", .boolean()), ("allowsNotApplicable", .boolean()),
                ("theme", .string(enumeration: themes, description: "A key from the organisation's theme list")),
                (
                    "options",
                    .array(.reference("AnswerOption"), minItems: 2)
                ),
                ("condition", .reference("Condition")),
            ], required: ["key", "type", "text"],
            description: "options: only for single_choice and multiple_choice, which need them (422 otherwise)")
    }

    /// A condition, in the shapes `DefinitionValidator` accepts; which question and option it names
    /// is checked against the questions before it (422).
    static var condition: JSONSchema {
        let question = ("question", JSONSchema.string(description: "The key of an earlier question"))
        return .anyOf(
            [
                .object(properties: [("all", .array(.reference("Condition"), minItems: 1))], required: ["all"]),
                .object(properties: [("any", .array(.reference("Condition"), minItems: 1))], required: ["any"]),
                .object(properties: [("not", .reference("Condition"))], required: ["not"]),
                .object(properties: [question, ("equals", .string())], required: ["question", "equals"]),
                .object(properties: [question, ("oneOf", .array(.string(), minItems: 1))], required: ["question", "oneOf"]),
                .object(properties: [question, ("includes", .string())], required: ["question", "includes"]),
                .object(properties: [question, ("atLeast", .integer())], required: ["question", "atLeast"]),
                .object(properties: [question, ("atMost", .integer())], required: ["question", "atMost"]),
                .object(properties: [question, ("answered", .alwaysTrue())], required: ["question", "answered"]),
            ], description: "When a page or question is shown, judged on earlier answers")
    }
}
