import MeedenkenCore

/// Turns questions, the answers so far and what was just posted into what templates draw.
enum QuestionViews {
    /// Faces shown beside (never instead of) a smiley option's text.
    static let symbols = ["very_sad": "😢", "sad": "🙁", "neutral": "😐", "happy": "🙂", "very_happy": "😄"]

    static func field(for question: Question) -> String { "a-\(question.key)" }

    static func make(
        _ question: Question, language: String, saved: Answer?, posted: [String]?, problem: String?,
        dontKnowLabel: String, notApplicableLabel: String
    ) -> QuestionView {
        let field = field(for: question)
        // What the person typed or chose wins over what was saved, so nothing entered is lost.
        let chosen: Set<String> = posted.map(Set.init) ?? saved.map(values).map(Set.init) ?? []
        var options = question.answerOptions.map { option in
            QuestionView.Option(
                id: "\(field)-\(option.key)", value: option.key, label: option.label.text(language),
                symbol: [.smiley3, .smiley5].contains(question.type) ? symbols[option.key] : nil,
                isSelected: chosen.contains(option.key))
        }
        if question.allowsDontKnow {
            options.append(
                .init(id: "\(field)-dk", value: Question.dontKnowValue, label: dontKnowLabel, symbol: nil, isSelected: chosen.contains(Question.dontKnowValue)))
        }
        if question.allowsNotApplicable {
            options.append(
                .init(
                    id: "\(field)-na", value: Question.notApplicableValue, label: notApplicableLabel, symbol: nil,
                    isSelected: chosen.contains(Question.notApplicableValue)))
        }
        let text: String
        if let posted { text = posted.joined(separator: "\n") } else if case .text(let saved)? = saved { text = saved } else { text = "" }
        return QuestionView(
            id: field, field: field, text: question.text.text(language), help: question.help?.text(language), error: problem,
            required: question.required, isRadio: !question.type.isText && question.type != .multipleChoice,
            isCheckbox: question.type == .multipleChoice, isShortText: question.type == .shortText,
            isLongText: question.type == .longText, isRow: question.type.numericRange != nil, options: question.type.isText ? [] : options,
            textValue: text)
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
