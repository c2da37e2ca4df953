/// One thing wrong with an imported questionnaire document, and where (RFC 6901 JSON pointer).
/// `code` is a catalog key (`definition.error.<code>`), so the app can say it in the user's language.
public struct DefinitionProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case notJSON = "not_json"
        case notAnObject = "not_an_object"
        case missing
        case wrongType = "wrong_type"
        case unknownValue = "unknown_value"
        case badKey = "bad_key"
        case duplicateKey = "duplicate_key"
        case missingDutch = "missing_dutch"
        case empty
        case tooFewOptions = "too_few_options"
        case optionsNotAllowed = "options_not_allowed"
        case scaleLabelsNotAllowed = "scale_labels_not_allowed"
        case unknownQuestion = "unknown_question"
        case laterQuestion = "later_question"
        case unknownOption = "unknown_option"
        case notNumeric = "not_numeric"
        /// A bound outside the question's scale (`atMost: 60` on a mark of 1–10): the condition says nothing.
        case outOfScale = "out_of_scale"
        case unknownTheme = "unknown_theme"
        case badCondition = "bad_condition"
    }

    public let pointer: String
    public let code: Code
    /// A value to show with the message: the unknown key, the expected type, …
    public let detail: String?

    public init(_ pointer: String, _ code: Code, _ detail: String? = nil) {
        self.pointer = pointer
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(pointer.isEmpty ? "/" : pointer): \(code.rawValue)\(detail.map { " (\($0))" } ?? "")" }
}

/// Every problem found in one document.
public struct DefinitionProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [DefinitionProblem]

    public init(_ problems: [DefinitionProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
