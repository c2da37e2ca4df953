import Foundation

/// One respondent's answer to one question.
public enum Answer: Hashable, Sendable {
    /// A chosen option's key (single choice and every fixed scale but the numeric ones).
    case option(String)
    /// Chosen options' keys (multiple choice), in the questionnaire's order.
    case options([String])
    /// A report mark or recommendation score.
    case number(Int)
    case text(String)
    /// "Weet ik niet": reported apart, never in a mean.
    case dontKnow
    /// "Niet van toepassing": reported apart, never in a mean.
    case notApplicable

    public var optionKey: String? {
        switch self {
        case .option(let key): key
        case .number(let value): String(value)
        default: nil
        }
    }

    public var optionKeys: [String] {
        switch self {
        case .options(let keys): keys
        case .option(let key): [key]
        default: []
        }
    }

    public var number: Int? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// Why an answer cannot be accepted. The raw value is the catalog key of the message.
public enum AnswerProblem: String, Error, Sendable {
    case required = "answer.error.required"
    case notAnOption = "answer.error.notAnOption"
    case outOfRange = "answer.error.outOfRange"
    case tooLong = "answer.error.tooLong"
    case oneOnly = "answer.error.oneOnly"
}

extension Question {
    /// The form field values that mean "don't know" and "not applicable".
    public static let dontKnowValue = "_dont_know"
    public static let notApplicableValue = "_not_applicable"

    /// Reads what a form posted for this question (one value, or several for multiple choice).
    /// Nothing posted is `nil`, which `required` questions refuse.
    public func parse(_ posted: [String]) -> Result<Answer?, AnswerProblem> {
        let values = posted.map(Self.trimmed).filter { !$0.isEmpty }
        guard !values.isEmpty else { return required ? .failure(.required) : .success(nil) }
        if values == [Self.dontKnowValue] {
            return allowsDontKnow ? .success(.dontKnow) : .failure(.notAnOption)
        }
        if values == [Self.notApplicableValue] {
            return allowsNotApplicable ? .success(.notApplicable) : .failure(.notAnOption)
        }
        if type.isText {
            let text = posted.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if let maximum = type.maximumTextLength, text.count > maximum { return .failure(.tooLong) }
            return .success(.text(text))
        }
        if let range = type.numericRange {
            guard values.count == 1 else { return .failure(.oneOnly) }
            guard let number = Int(values[0]) else { return .failure(.notAnOption) }
            return range.contains(number) ? .success(.number(number)) : .failure(.outOfRange)
        }
        let known = answerOptions.map(\.key)
        guard values.allSatisfy(known.contains) else { return .failure(.notAnOption) }
        if type == .multipleChoice {
            return .success(.options(known.filter(values.contains)))
        }
        guard values.count == 1 else { return .failure(.oneOnly) }
        return .success(.option(values[0]))
    }

    /// Without surrounding white space. Most values have none, and Foundation's trimming costs
    /// more than the rest of reading an answer, so it only runs when there is some.
    static func trimmed(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
            CharacterSet.whitespacesAndNewlines.contains(first) || CharacterSet.whitespacesAndNewlines.contains(last)
        else { return value }
        return value.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
