import Foundation

/// Answers as one string column: an option key, keys joined by commas (keys have none), a
/// number, `text:` and the text, or the markers for "don't know" and "not applicable".
public enum StoredAnswer {
    public static func encode(_ answer: Answer) -> String {
        switch answer {
        case .option(let key): "option:\(key)"
        case .options(let keys): "options:\(keys.joined(separator: ","))"
        case .number(let value): "number:\(value)"
        case .text(let text): "text:\(text)"
        case .dontKnow: Question.dontKnowValue
        case .notApplicable: Question.notApplicableValue
        }
    }

    public static func decode(_ stored: String) -> Answer? {
        if stored == Question.dontKnowValue { return .dontKnow }
        if stored == Question.notApplicableValue { return .notApplicable }
        guard let colon = stored.firstIndex(of: ":") else { return nil }
        let kind = stored[..<colon]
        let rest = String(stored[stored.index(after: colon)...])
        switch kind {
        case "option": return .option(rest)
        case "options": return .options(rest.isEmpty ? [] : rest.split(separator: ",").map(String.init))
        case "number": return Int(rest).map(Answer.number)
        case "text": return .text(rest)
        default: return nil
        }
    }
}
