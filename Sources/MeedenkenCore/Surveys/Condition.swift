/// When a question or page is shown, judged on earlier answers. Evaluated on the server for the
/// form that works without JavaScript, and (later) in the browser as an enhancement.
///
/// JSON: `{"question": "q1", "equals": "yes"}`, `{"question": "q1", "oneOf": ["a", "b"]}`,
/// `{"question": "q2", "includes": "school"}`, `{"question": "q3", "atLeast": 6}`,
/// `{"question": "q3", "atMost": 5}`, `{"question": "q4", "answered": true}`,
/// `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
public indirect enum Condition: Hashable, Sendable {
    case equals(question: String, value: String)
    case oneOf(question: String, values: [String])
    case includes(question: String, value: String)
    case atLeast(question: String, value: Int)
    case atMost(question: String, value: Int)
    case answered(question: String)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    /// Whether the answers given so far satisfy this condition. A question not answered (or
    /// answered "don't know") satisfies nothing but `not`.
    public func isSatisfied(by answers: [String: Answer]) -> Bool {
        switch self {
        case .equals(let question, let value):
            return answers[question]?.optionKey == value
        case .oneOf(let question, let values):
            return answers[question]?.optionKey.map(values.contains) ?? false
        case .includes(let question, let value):
            return answers[question]?.optionKeys.contains(value) ?? false
        case .atLeast(let question, let value):
            return answers[question]?.number.map { $0 >= value } ?? false
        case .atMost(let question, let value):
            return answers[question]?.number.map { $0 <= value } ?? false
        case .answered(let question):
            return answers[question] != nil
        case .all(let conditions):
            return conditions.allSatisfy { $0.isSatisfied(by: answers) }
        case .any(let conditions):
            return conditions.contains { $0.isSatisfied(by: answers) }
        case .not(let condition):
            return !condition.isSatisfied(by: answers)
        }
    }

}

extension Condition: Codable {
    enum CodingKeys: String, CodingKey {
        case question, equals, oneOf, includes, atLeast, atMost, answered, all, any, not
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let all = try container.decodeIfPresent([Condition].self, forKey: .all) { self = .all(all); return }
        if let any = try container.decodeIfPresent([Condition].self, forKey: .any) { self = .any(any); return }
        if let not = try container.decodeIfPresent(Condition.self, forKey: .not) { self = .not(not); return }
        let question = try container.decode(String.self, forKey: .question)
        if let value = try container.decodeIfPresent(String.self, forKey: .equals) {
            self = .equals(question: question, value: value)
        } else if let values = try container.decodeIfPresent([String].self, forKey: .oneOf) {
            self = .oneOf(question: question, values: values)
        } else if let value = try container.decodeIfPresent(String.self, forKey: .includes) {
            self = .includes(question: question, value: value)
        } else if let value = try container.decodeIfPresent(Int.self, forKey: .atLeast) {
            self = .atLeast(question: question, value: value)
        } else if let value = try container.decodeIfPresent(Int.self, forKey: .atMost) {
            self = .atMost(question: question, value: value)
        } else if try container.decodeIfPresent(Bool.self, forKey: .answered) == true {
            self = .answered(question: question)
        } else {
            throw DecodingError.dataCorruptedError(
                forKey: .question, in: container,
                debugDescription: "a condition needs one of equals, oneOf, includes, atLeast, atMost, answered")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .equals(let question, let value):
            try container.encode(question, forKey: .question)
            try container.encode(value, forKey: .equals)
        case .oneOf(let question, let values):
            try container.encode(question, forKey: .question)
            try container.encode(values, forKey: .oneOf)
        case .includes(let question, let value):
            try container.encode(question, forKey: .question)
            try container.encode(value, forKey: .includes)
        case .atLeast(let question, let value):
            try container.encode(question, forKey: .question)
            try container.encode(value, forKey: .atLeast)
        case .atMost(let question, let value):
            try container.encode(question, forKey: .question)
            try container.encode(value, forKey: .atMost)
        case .answered(let question):
            try container.encode(question, forKey: .question)
            try container.encode(true, forKey: .answered)
        case .all(let conditions): try container.encode(conditions, forKey: .all)
        case .any(let conditions): try container.encode(conditions, forKey: .any)
        case .not(let condition): try container.encode(condition, forKey: .not)
        }
    }
}
