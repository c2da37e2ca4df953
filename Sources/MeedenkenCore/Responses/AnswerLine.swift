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

    /// The one reader of a line, on its bytes (the respondent export reads a hundred thousand
    /// lines a second through it): for each pair in order, the byte ranges of its key and value
    /// and the pair's position in the line. A part without `=` is skipped but keeps its position.
    public static func forEachPair(in bytes: UnsafeBufferPointer<UInt8>, _ body: (_ key: Range<Int>, _ value: Range<Int>, _ position: Int) -> Void) {
        var start = 0
        var position = 0
        while start < bytes.count {
            var end = start
            var equals = -1
            while end < bytes.count && bytes[end] != 0x1F {
                if equals < 0 && bytes[end] == UInt8(ascii: "=") { equals = end }
                end += 1
            }
            if equals >= start { body(start..<equals, (equals + 1)..<end, position) }
            position += 1
            start = end + 1
        }
    }

    /// A line's question keys and stored values, in order.
    public static func pairs(_ line: some StringProtocol) -> [(key: String, value: String)] {
        var text = String(line)
        var result: [(key: String, value: String)] = []
        text.withUTF8 { bytes in
            forEachPair(in: bytes) { key, value, _ in
                result.append(
                    (
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self),
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[value]), as: UTF8.self)
                    ))
            }
        }
        return result
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
