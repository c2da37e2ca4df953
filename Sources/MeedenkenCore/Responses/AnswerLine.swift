import Foundation

/// A response's answers in one text, stored with the response, so the respondent export reads
/// one row per response instead of twenty: `key=value` pairs joined by the unit separator, which
/// neither keys nor stored values contain. Open-answer texts are left out: the export only ever
/// shows their reviewed, masked version, read apart. Responses never change, so the line never
/// goes stale.
public enum AnswerLine {
    public static let separator: Character = "\u{1F}"

    /// From question keys and stored values.
    public static func make(_ answers: [(String, String)]) -> String {
        answers.filter { !$0.1.hasPrefix("text:") }.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: String(separator))
    }

    /// The one reader of a line: its question keys and stored values, in order. A pair without
    /// `=` is skipped.
    public static func pairs(_ line: some StringProtocol) -> [(key: String, value: String)] {
        line.split(separator: separator).compactMap { pair in
            pair.firstIndex(of: "=").map { (String(pair[..<$0]), String(pair[pair.index(after: $0)...])) }
        }
    }

    /// The line with only the pairs whose key passes `keep`.
    public static func keeping(_ line: String, _ keep: (String) -> Bool) -> String {
        pairs(line).filter { keep($0.key) }.map { "\($0.key)=\($0.value)" }.joined(separator: String(separator))
    }

    /// The answers of a line by question key; values that are no answer are skipped.
    public static func parse(_ line: String) -> [String: Answer] {
        var answers: [String: Answer] = [:]
        for (key, value) in pairs(line) { answers[key] = StoredAnswer.decode(value) }
        return answers
    }
}
