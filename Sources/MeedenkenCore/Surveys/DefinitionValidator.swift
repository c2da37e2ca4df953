import Foundation

/// Checks an imported questionnaire document and reports every problem at once, each with its
/// JSON pointer. Works on the raw JSON (not the decoded struct), because decoding stops at the
/// first problem and the author needs to see them all. Nothing is imported unless this is empty.
public struct DefinitionValidator: Sendable {
    /// Theme keys questions may use (the organisation's editable theme list).
    public let themes: Set<String>

    public init(themes: Set<String>) { self.themes = themes }

    /// The decoded definition, or every problem found.
    public func validate(json data: Data) -> Result<QuestionnaireDefinition, DefinitionProblems> {
        guard let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .failure(DefinitionProblems([DefinitionProblem("", .notJSON)]))
        }
        var problems: [DefinitionProblem] = []
        check(root: root, into: &problems)
        if !problems.isEmpty { return .failure(DefinitionProblems(problems)) }
        do {
            return .success(try JSONDecoder().decode(QuestionnaireDefinition.self, from: data))
        } catch {
            // The checks above mirror the decoder; reaching this means they missed something.
            // Say where, not the decoder's internals.
            return .failure(DefinitionProblems([DefinitionProblem(Self.pointer(for: error), .wrongType)]))
        }
    }

    /// The JSON pointer of the place a decoding error names.
    static func pointer(for error: any Error) -> String {
        let path: [any CodingKey]
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context): path = context.codingPath
        case .keyNotFound(let key, let context): path = context.codingPath + [key]
        default: path = []
        }
        return path.map { "/" + ($0.intValue.map(String.init) ?? $0.stringValue) }.joined()
    }

    private static let keyCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789_-")

    public static let maximumKeyLength = 64

    public static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.count <= maximumKeyLength && key.allSatisfy(keyCharacters.contains)
    }

    private func check(root: Any, into problems: inout [DefinitionProblem]) {
        guard let object = root as? [String: Any] else {
            problems.append(.init("", .notAnObject))
            return
        }
        checkKey(object["key"], at: "/key", into: &problems)
        checkEnum(object["kind"], QuestionnaireDefinition.Kind.self, at: "/kind", into: &problems)
        checkEnum(object["audience"], QuestionnaireDefinition.Audience.self, at: "/audience", into: &problems)
        if let anonymous = object["anonymous"], !(anonymous is Bool) || isNumber(anonymous) {
            problems.append(.init("/anonymous", .wrongType, "boolean"))
        }
        checkText(object["title"], at: "/title", required: true, into: &problems)
        checkText(object["introduction"], at: "/introduction", required: false, into: &problems)

        guard let pages = object["pages"] as? [Any] else {
            problems.append(.init("/pages", object["pages"] == nil ? .missing : .wrongType, "array"))
            return
        }
        if pages.isEmpty { problems.append(.init("/pages", .empty)) }
        var pageKeys: Set<String> = []
        var seen: [String: QuestionSummary] = [:]
        for (pageIndex, pageValue) in pages.enumerated() {
            let pagePointer = "/pages/\(pageIndex)"
            guard let page = pageValue as? [String: Any] else {
                problems.append(.init(pagePointer, .notAnObject))
                continue
            }
            if let key = checkKey(page["key"], at: pagePointer + "/key", into: &problems), !pageKeys.insert(key).inserted {
                problems.append(.init(pagePointer + "/key", .duplicateKey, key))
            }
            checkText(page["title"], at: pagePointer + "/title", required: false, into: &problems)
            // A page condition may only look at questions on earlier pages.
            let earlier = seen
            if let condition = page["condition"] { checkCondition(condition, at: pagePointer + "/condition", known: earlier, into: &problems) }
            guard let questions = page["questions"] as? [Any] else {
                problems.append(.init(pagePointer + "/questions", page["questions"] == nil ? .missing : .wrongType, "array"))
                continue
            }
            if questions.isEmpty { problems.append(.init(pagePointer + "/questions", .empty)) }
            for (questionIndex, questionValue) in questions.enumerated() {
                let pointer = "\(pagePointer)/questions/\(questionIndex)"
                guard let question = questionValue as? [String: Any] else {
                    problems.append(.init(pointer, .notAnObject))
                    continue
                }
                if let summary = checkQuestion(question, at: pointer, known: seen, into: &problems) {
                    if seen[summary.key] != nil {
                        problems.append(.init(pointer + "/key", .duplicateKey, summary.key))
                    } else {
                        seen[summary.key] = summary
                    }
                }
            }
        }
    }

    /// What a condition needs to know about a question asked before it.
    struct QuestionSummary {
        let key: String
        let type: QuestionType
        let optionKeys: Set<String>
    }

    private func checkQuestion(
        _ question: [String: Any], at pointer: String, known: [String: QuestionSummary], into problems: inout [DefinitionProblem]
    ) -> QuestionSummary? {
        let key = checkKey(question["key"], at: pointer + "/key", into: &problems)
        let type = checkEnum(question["type"], QuestionType.self, at: pointer + "/type", into: &problems)
        checkText(question["text"], at: pointer + "/text", required: true, into: &problems)
        checkText(question["help"], at: pointer + "/help", required: false, into: &problems)
        for flag in ["required", "allowsDontKnow", "allowsNotApplicable"] {
            if let value = question[flag], !(value is Bool) || isNumber(value) {
                problems.append(.init("\(pointer)/\(flag)", .wrongType, "boolean"))
            }
        }
        if let theme = question["theme"] {
            if let theme = theme as? String {
                if !themes.contains(theme) { problems.append(.init(pointer + "/theme", .unknownTheme, theme)) }
            } else {
                problems.append(.init(pointer + "/theme", .wrongType, "string"))
            }
        }
        var optionKeys: Set<String> = []
        if let type {
            if type.hasAuthoredOptions {
                if let options = question["options"] as? [Any] {
                    if options.count < 2 { problems.append(.init(pointer + "/options", .tooFewOptions)) }
                    for (index, optionValue) in options.enumerated() {
                        let optionPointer = "\(pointer)/options/\(index)"
                        guard let option = optionValue as? [String: Any] else {
                            problems.append(.init(optionPointer, .notAnObject))
                            continue
                        }
                        if let optionKey = checkKey(option["key"], at: optionPointer + "/key", into: &problems),
                            !optionKeys.insert(optionKey).inserted
                        {
                            problems.append(.init(optionPointer + "/key", .duplicateKey, optionKey))
                        }
                        checkText(option["label"], at: optionPointer + "/label", required: true, into: &problems)
                    }
                } else {
                    problems.append(.init(pointer + "/options", question["options"] == nil ? .missing : .wrongType, "array"))
                }
            } else {
                if question["options"] != nil { problems.append(.init(pointer + "/options", .optionsNotAllowed, type.rawValue)) }
                optionKeys = Set(StandardScales.options(for: type).map(\.key))
            }
            if let labels = question["scaleLabels"] {
                checkScaleLabels(labels, of: type, at: pointer + "/scaleLabels", into: &problems)
            }
        }
        if let condition = question["condition"] {
            checkCondition(condition, at: pointer + "/condition", known: known, into: &problems)
        }
        guard let key, let type else { return nil }
        return QuestionSummary(key: key, type: type, optionKeys: optionKeys)
    }

    /// Labels per face: only for smiley scales, one per known face at most, each with Dutch.
    private func checkScaleLabels(_ value: Any, of type: QuestionType, at pointer: String, into problems: inout [DefinitionProblem]) {
        guard type.allowsScaleLabels else {
            problems.append(.init(pointer, .scaleLabelsNotAllowed, type.rawValue))
            return
        }
        guard let labels = value as? [String: Any] else {
            problems.append(.init(pointer, .wrongType, "object"))
            return
        }
        let faces = Set(StandardScales.options(for: type).map(\.key))
        for (face, label) in labels.sorted(by: { $0.key < $1.key }) {
            if faces.contains(face) {
                checkText(label, at: "\(pointer)/\(face)", required: true, into: &problems)
            } else {
                problems.append(.init("\(pointer)/\(face)", .unknownOption, face))
            }
        }
    }

    private func checkCondition(_ value: Any, at pointer: String, known: [String: QuestionSummary], into problems: inout [DefinitionProblem]) {
        guard let condition = value as? [String: Any] else {
            problems.append(.init(pointer, .notAnObject))
            return
        }
        for combinator in ["all", "any"] {
            if let parts = condition[combinator] {
                guard let parts = parts as? [Any], !parts.isEmpty else {
                    problems.append(.init("\(pointer)/\(combinator)", .empty))
                    return
                }
                for (index, part) in parts.enumerated() {
                    checkCondition(part, at: "\(pointer)/\(combinator)/\(index)", known: known, into: &problems)
                }
                return
            }
        }
        if let inner = condition["not"] {
            checkCondition(inner, at: pointer + "/not", known: known, into: &problems)
            return
        }
        guard let questionKey = condition["question"] as? String else {
            problems.append(.init(pointer + "/question", condition["question"] == nil ? .missing : .wrongType, "string"))
            return
        }
        guard let target = known[questionKey] else {
            problems.append(.init(pointer + "/question", .laterQuestion, questionKey))
            return
        }
        if let value = condition["equals"] {
            checkOptionValue(value, of: target, at: pointer + "/equals", into: &problems)
        } else if let values = condition["oneOf"] {
            guard let values = values as? [Any], !values.isEmpty else {
                problems.append(.init(pointer + "/oneOf", .empty))
                return
            }
            for (index, value) in values.enumerated() { checkOptionValue(value, of: target, at: "\(pointer)/oneOf/\(index)", into: &problems) }
        } else if let value = condition["includes"] {
            if target.type != .multipleChoice { problems.append(.init(pointer + "/includes", .badCondition, "includes needs multiple_choice")) }
            checkOptionValue(value, of: target, at: pointer + "/includes", into: &problems)
        } else if let bound = condition["atLeast"] ?? condition["atMost"] {
            let name = condition["atLeast"] != nil ? "atLeast" : "atMost"
            if target.type.numericRange == nil { problems.append(.init("\(pointer)/\(name)", .notNumeric, target.type.rawValue)) }
            if !isInteger(bound) {
                problems.append(.init("\(pointer)/\(name)", .wrongType, "integer"))
            } else if let range = target.type.numericRange, let value = bound as? Int, !range.contains(value) {
                problems.append(.init("\(pointer)/\(name)", .outOfScale, "\(range.lowerBound)–\(range.upperBound)"))
            }
        } else if !(condition["answered"].map { JSONKinds.isBool($0) && $0 as? Bool == true } ?? false) {
            problems.append(.init(pointer, .badCondition, "equals, oneOf, includes, atLeast, atMost or answered"))
        }
    }

    private func checkOptionValue(_ value: Any, of target: QuestionSummary, at pointer: String, into problems: inout [DefinitionProblem]) {
        guard let key = value as? String else {
            problems.append(.init(pointer, .wrongType, "string"))
            return
        }
        if !target.optionKeys.contains(key) { problems.append(.init(pointer, .unknownOption, key)) }
    }

    @discardableResult
    private func checkKey(_ value: Any?, at pointer: String, into problems: inout [DefinitionProblem]) -> String? {
        guard let value else {
            problems.append(.init(pointer, .missing, "string"))
            return nil
        }
        guard let key = value as? String else {
            problems.append(.init(pointer, .wrongType, "string"))
            return nil
        }
        guard Self.isValidKey(key) else {
            problems.append(.init(pointer, .badKey, key))
            return nil
        }
        return key
    }

    @discardableResult
    private func checkEnum<E: RawRepresentable>(_ value: Any?, _: E.Type, at pointer: String, into problems: inout [DefinitionProblem]) -> E?
    where E.RawValue == String {
        guard let value else {
            problems.append(.init(pointer, .missing, "string"))
            return nil
        }
        guard let text = value as? String else {
            problems.append(.init(pointer, .wrongType, "string"))
            return nil
        }
        guard let parsed = E(rawValue: text) else {
            problems.append(.init(pointer, .unknownValue, text))
            return nil
        }
        return parsed
    }

    private func checkText(_ value: Any?, at pointer: String, required: Bool, into problems: inout [DefinitionProblem]) {
        guard let value else {
            if required { problems.append(.init(pointer, .missing, "object")) }
            return
        }
        guard let texts = value as? [String: Any] else {
            problems.append(.init(pointer, .wrongType, "object"))
            return
        }
        for (language, text) in texts where !(text is String) {
            problems.append(.init("\(pointer)/\(language)", .wrongType, "string"))
        }
        let dutch = (texts["nl"] as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if dutch.isEmpty { problems.append(.init(pointer + "/nl", .missingDutch)) }
    }

    private func isInteger(_ value: Any) -> Bool { JSONKinds.isInteger(value) }

    private func isNumber(_ value: Any) -> Bool { JSONKinds.isNumber(value) }
}
