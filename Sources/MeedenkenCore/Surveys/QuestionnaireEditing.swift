import Foundation

/// What the questionnaire builder does to a definition: add, move, change and remove questions
/// and pages. Pure; the result is checked by `DefinitionValidator` before it is stored, so an
/// edit that breaks a condition is refused with the problem named.
public enum QuestionnaireEditing {
    public enum Direction: Sendable { case up, down }

    /// A new questionnaire with one page and one question to start from.
    public static func start(
        key: String, kind: QuestionnaireDefinition.Kind, audience: QuestionnaireDefinition.Audience, title: LocalizedText
    ) -> QuestionnaireDefinition {
        QuestionnaireDefinition(
            key: key, kind: kind, audience: audience, title: title,
            pages: [QuestionPage(key: "p1", questions: [newQuestion(key: "vraag_1", type: .yesNo)])])
    }

    static func newQuestion(key: String, type: QuestionType, text: LocalizedText = LocalizedText(nl: "Nieuwe vraag", en: "New question"))
        -> Question
    {
        var question = Question(key: key, type: type, text: text)
        if type.hasAuthoredOptions {
            question.options = [
                AnswerOption(key: "optie_1", label: LocalizedText(nl: "Keuze 1", en: "Choice 1")),
                AnswerOption(key: "optie_2", label: LocalizedText(nl: "Keuze 2", en: "Choice 2")),
            ]
        }
        return question
    }

    /// A key not used yet: `vraag_4`, `p3`.
    static func freshKey(prefix: String, taken: Set<String>) -> String {
        var number = taken.count + 1
        while taken.contains("\(prefix)\(number)") { number += 1 }
        return "\(prefix)\(number)"
    }

    /// Adds a question at the end of a page; returns its key.
    @discardableResult
    public static func addQuestion(_ type: QuestionType, text: LocalizedText, toPage pageKey: String, in definition: inout QuestionnaireDefinition)
        -> String?
    {
        guard let index = definition.pages.firstIndex(where: { $0.key == pageKey }) else { return nil }
        let key = freshKey(prefix: "vraag_", taken: Set(definition.questions.map(\.key)))
        definition.pages[index].questions.append(newQuestion(key: key, type: type, text: text))
        return key
    }

    /// Adds a page at the end with one new question, for the author to change.
    public static func addPage(in definition: inout QuestionnaireDefinition) {
        let key = freshKey(prefix: "p", taken: Set(definition.pages.map(\.key)))
        let question = freshKey(prefix: "vraag_", taken: Set(definition.questions.map(\.key)))
        definition.pages.append(QuestionPage(key: key, questions: [newQuestion(key: question, type: .yesNo)]))
    }

    /// Moves a question one place; at the edge of a page it moves to the neighbouring page.
    public static func move(_ questionKey: String, _ direction: Direction, in definition: inout QuestionnaireDefinition) {
        guard let pageIndex = definition.pages.firstIndex(where: { $0.questions.contains { $0.key == questionKey } }),
            let index = definition.pages[pageIndex].questions.firstIndex(where: { $0.key == questionKey })
        else { return }
        var questions = definition.pages[pageIndex].questions
        switch direction {
        case .up where index > 0:
            questions.swapAt(index, index - 1)
            definition.pages[pageIndex].questions = questions
        case .down where index < questions.count - 1:
            questions.swapAt(index, index + 1)
            definition.pages[pageIndex].questions = questions
        case .up where pageIndex > 0:
            let question = definition.pages[pageIndex].questions.remove(at: index)
            definition.pages[pageIndex - 1].questions.append(question)
        case .down where pageIndex < definition.pages.count - 1:
            let question = definition.pages[pageIndex].questions.remove(at: index)
            definition.pages[pageIndex + 1].questions.insert(question, at: 0)
        default: return
        }
        definition.pages.removeAll { $0.questions.isEmpty }
    }

    /// Removes a question; a page left empty goes too.
    public static func remove(_ questionKey: String, from definition: inout QuestionnaireDefinition) {
        for index in definition.pages.indices { definition.pages[index].questions.removeAll { $0.key == questionKey } }
        definition.pages.removeAll { $0.questions.isEmpty }
    }

    /// Replaces a question, keeping its key (so results stay comparable across versions).
    public static func replace(_ question: Question, in definition: inout QuestionnaireDefinition) {
        for pageIndex in definition.pages.indices {
            if let index = definition.pages[pageIndex].questions.firstIndex(where: { $0.key == question.key }) {
                definition.pages[pageIndex].questions[index] = question
            }
        }
    }

    /// Options from lines of `Dutch label | English label`; keys come from the Dutch label and stay
    /// as they were for labels that keep their place.
    public static func options(fromLines text: String, keeping existing: [AnswerOption]) -> [AnswerOption] {
        var used: Set<String> = []
        return text.split(whereSeparator: \.isNewline).enumerated().compactMap { index, line in
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let dutch = parts.first, !dutch.isEmpty else { return nil }
            let english = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
            var key = index < existing.count ? existing[index].key : slug(dutch)
            if key.isEmpty || used.contains(key) { key = "optie_\(index + 1)" }
            used.insert(key)
            return AnswerOption(key: key, label: LocalizedText(nl: dutch, en: english))
        }
    }

    /// A smiley scale's own labels from lines of `Dutch label | English label`, one per face from
    /// the saddest to the happiest. An empty line, or one that says what the standard label says,
    /// keeps the standard label; nil when every face keeps it, or for a type without faces. Extra
    /// lines are returned in `extra` so the builder can say there are more lines than faces.
    public static func scaleLabels(fromLines text: String, for type: QuestionType) -> (labels: [String: LocalizedText]?, extra: Int) {
        guard type.allowsScaleLabels else { return (nil, 0) }
        let faces = StandardScales.options(for: type)
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var labels: [String: LocalizedText] = [:]
        for (face, line) in zip(faces, lines) {
            let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let dutch = parts.first, !dutch.isEmpty else { continue }
            let label = LocalizedText(nl: dutch, en: parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil)
            if label != face.label { labels[face.key] = label }
        }
        return (labels.isEmpty ? nil : labels, max(0, lines.count - faces.count))
    }

    /// `Heel goed!` → `heel_goed`.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var result = ""
        for character in folded {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.hasSuffix("_") && !result.isEmpty {
                result.append("_")
            }
        }
        while result.hasSuffix("_") { result.removeLast() }
        return String(result.prefix(40))
    }

    /// The lines `options(fromLines:)` reads, for showing in the form.
    public static func lines(of options: [AnswerOption]) -> String {
        options.map { option in
            let dutch = option.label.values["nl"] ?? ""
            return option.label.values["en"].map { "\(dutch) | \($0)" } ?? dutch
        }.joined(separator: "\n")
    }
}
