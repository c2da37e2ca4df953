import Foundation

/// The respondent export's columns: per question one column, or one per option for multiple
/// choice, with the codes its answers are written as (SPSS-style: 98 "don't know", 99 "not
/// applicable", both declared missing).
public struct RespondentColumns: Sendable {
    public static let dontKnowCode = 98.0
    public static let notApplicableCode = 99.0
    /// Per question, in the questionnaire's order.
    public let questions: [QuestionColumns]

    /// A question's columns: one, or one per option for multiple choice.
    public struct QuestionColumns: Sendable {
        public let question: Question
        public let codes: [String: Double]
        public let optionKeys: [String]
    }

    public init(questions: [Question]) {
        self.questions = questions.map { question in
            var codes: [String: Double] = [:]
            if question.type.numericRange != nil {
                for option in question.answerOptions { codes[option.key] = Double(option.key) }
            } else {
                for (index, option) in question.answerOptions.enumerated() { codes[option.key] = Double(index + 1) }
                if question.type == .friendsAndFamily { codes[StandardScales.friendsAndFamilyDontKnow.key] = Self.dontKnowCode }
            }
            return QuestionColumns(
                question: question, codes: codes, optionKeys: question.type == .multipleChoice ? question.answerOptions.map(\.key) : [])
        }
    }

    /// The file's variables, labelled in `language`.
    public func variables(language: Language, localizer: Localizer) -> [ExportVariable] {
        let text = { (key: String) in localizer.text(key, in: language) }
        var variables: [ExportVariable] = [
            .init(name: "respondent", label: text("export.variable.respondent"), kind: .numeric),
            .init(name: "version", label: text("export.variable.version"), kind: .numeric),
            .init(name: "period", label: text("export.variable.period"), kind: .string(width: 10)),
            .init(name: "team", label: text("export.variable.team"), kind: .string(width: 120)),
            .init(name: "role", label: text("export.variable.role"), kind: .string(width: 20)),
            .init(name: "age_band", label: text("export.variable.ageBand"), kind: .string(width: 8)),
            .init(name: "language", label: text("export.variable.language"), kind: .string(width: 5)),
            .init(name: "channel", label: text("export.variable.channel"), kind: .string(width: 12)),
            .init(name: "generalised", label: text("export.variable.generalised"), kind: .string(width: 60)),
        ]
        let missingLabels: [(value: Double, label: String)] = [
            (Self.dontKnowCode, text("export.missing.dontKnow")), (Self.notApplicableCode, text("export.missing.notApplicable")),
        ]
        let code = language.rawValue
        for columns in questions {
            let question = columns.question
            if question.type.isText {
                variables.append(.init(name: question.key, label: question.text.text(code), kind: .string(width: 255)))
            } else if question.type == .multipleChoice {
                for option in question.answerOptions {
                    variables.append(
                        .init(
                            name: "\(question.key)_\(option.key)", label: "\(question.text.text(code)): \(option.label.text(code))", kind: .numeric,
                            valueLabels: [(0, text("export.notChosen")), (1, text("export.chosen"))] + missingLabels,
                            missingValues: [Self.dontKnowCode, Self.notApplicableCode]))
                }
            } else {
                let labels = question.answerOptions.compactMap { option in
                    columns.codes[option.key].map { (value: $0, label: option.label.text(code)) }
                }
                variables.append(
                    .init(
                        name: question.key, label: question.text.text(code), kind: .numeric,
                        valueLabels: labels.filter { $0.value != Self.dontKnowCode } + missingLabels,
                        missingValues: [Self.dontKnowCode, Self.notApplicableCode]))
            }
        }
        return variables
    }

    /// The cells of one question for one response; codes as in `variables`.
    public static func exportValues(for answer: Answer?, _ columns: QuestionColumns) -> [ExportValue] {
        if columns.question.type.isText {
            // Only reviewed, masked text reaches this point (see the answers query).
            if case .text(let masked) = answer, !masked.isEmpty { return [.text(masked)] }
            return [.missing]
        }
        if columns.question.type == .multipleChoice {
            switch answer {
            case .dontKnow: return columns.optionKeys.map { _ in .number(Self.dontKnowCode) }
            case .notApplicable: return columns.optionKeys.map { _ in .number(Self.notApplicableCode) }
            case .some(let answer):
                let chosen = Set(answer.optionKeys)
                return columns.optionKeys.map { .number(chosen.contains($0) ? 1 : 0) }
            case nil: return columns.optionKeys.map { _ in .missing }
            }
        }
        switch answer {
        case .dontKnow: return [.number(Self.dontKnowCode)]
        case .notApplicable: return [.number(Self.notApplicableCode)]
        case .some(let answer): return [answer.optionKey.flatMap { columns.codes[$0] }.map(ExportValue.number) ?? .missing]
        case nil: return [.missing]
        }
    }
}
