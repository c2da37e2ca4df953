import Foundation
import MeedenkenCore
import MeedenkenStore

/// Turns questions, the answers so far and what was just posted into what templates draw.
enum QuestionViews {
    static func field(for question: Question) -> String { "a-\(question.key)" }

    static func make(
        _ question: Question, language: String, saved: Answer?, posted: [String]?, problem: String?,
        dontKnowLabel: String, notApplicableLabel: String, isHidden: Bool = false
    ) -> QuestionView {
        let field = field(for: question)
        // What the person typed or chose wins over what was saved, so nothing entered is lost.
        let chosen: Set<String> = posted.map(Set.init) ?? saved.map(values).map(Set.init) ?? []
        let isSmiley = question.type.allowsScaleLabels
        var options = question.answerOptions.map { option in
            QuestionView.Option(
                id: "\(field)-\(option.key)", value: option.key, label: option.label.text(language),
                face: isSmiley ? SmileyFace.forOption(option.key) : nil, isSelected: chosen.contains(option.key))
        }
        if question.allowsDontKnow {
            options.append(
                .init(id: "\(field)-dk", value: Question.dontKnowValue, label: dontKnowLabel, face: nil, isSelected: chosen.contains(Question.dontKnowValue)))
        }
        if question.allowsNotApplicable {
            options.append(
                .init(
                    id: "\(field)-na", value: Question.notApplicableValue, label: notApplicableLabel, face: nil,
                    isSelected: chosen.contains(Question.notApplicableValue)))
        }
        let text: String
        if let posted { text = posted.joined(separator: "\n") } else if case .text(let saved)? = saved { text = saved } else { text = "" }
        return QuestionView(
            id: field, key: question.key, conditionJSON: question.condition.flatMap(conditionJSON), isHidden: isHidden, field: field,
            text: question.text.text(language), help: question.help?.text(language), error: problem,
            required: question.required, isRadio: !question.type.isText && question.type != .multipleChoice,
            isCheckbox: question.type == .multipleChoice, isShortText: question.type == .shortText,
            isLongText: question.type == .longText, isRow: question.type.numericRange != nil, isSmiley: isSmiley, options: question.type.isText ? [] : options,
            textValue: text)
    }

    static func conditionJSON(_ condition: Condition) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(condition)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Earlier answers in the shape the browser's condition script reads
    /// (`{"key": {"option": …, "options": […], "number": …}}`).
    static func earlierJSON(_ answers: [String: Answer]) -> String {
        var object: [String: [String: Any]] = [:]
        for (key, answer) in answers {
            object[key] = [
                "option": answer.optionKey.map { $0 as Any } ?? NSNull(), "options": answer.optionKeys,
                "number": answer.number.map { $0 as Any } ?? NSNull(),
            ]
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The form values a saved answer stands for.
    static func values(_ answer: Answer) -> [String] {
        switch answer {
        case .option(let key): [key]
        case .options(let keys): keys
        case .number(let value): [String(value)]
        case .text(let text): [text]
        case .dontKnow: [Question.dontKnowValue]
        case .notApplicable: [Question.notApplicableValue]
        }
    }
}
