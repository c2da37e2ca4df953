/// How answers to a question become numbers: the scale's score of each option, the options that
/// count as positive (and, for the Friends and Family Test, negative), and the scale's range so
/// themes can put different scales on one 0–100 line.
public struct QuestionScoring: Sendable {
    /// Score per option key; options without a score (authored choices, "don't know") are absent.
    public let scores: [String: Double]
    public let range: ClosedRange<Double>
    /// The top two answers of a scale of four or more points, the top one of a three-point scale.
    public let positive: Set<String>
    /// Only the Friends and Family Test reports a negative share: poor and very poor.
    public let negative: Set<String>

    /// Nil for questions without a scale: single and multiple choice, and text.
    public init?(_ question: Question) {
        switch question.type {
        case .frequency4, .agree5, .smiley3, .smiley5, .friendsAndFamily, .yesNo:
            let ordered = StandardScales.options(for: question.type).map(\.key)
            var scores: [String: Double] = [:]
            for (index, key) in ordered.enumerated() { scores[key] = Double(index + 1) }
            self.scores = scores
            range = 1...Double(ordered.count)
            let topCount = ordered.count >= 4 ? 2 : 1
            positive = Set(ordered.suffix(topCount))
            negative = question.type == .friendsAndFamily ? Set(ordered.prefix(2)) : []
        case .reportMark, .recommendation:
            let values = question.type.numericRange ?? 0...10
            var scores: [String: Double] = [:]
            for value in values { scores[String(value)] = Double(value) }
            self.scores = scores
            range = Double(values.lowerBound)...Double(values.upperBound)
            // A report mark of 6 or more is a pass (voldoende); the recommendation has NPS instead.
            positive = Set(values.filter { question.type == .reportMark ? $0 >= 6 : $0 >= 9 }.map(String.init))
            negative = question.type == .recommendation ? Set((0...6).map(String.init)) : []
        case .singleChoice, .multipleChoice, .shortText, .longText:
            return nil
        }
    }

    /// The option's place on a 0–100 line, for theme scores across scales.
    public func normalized(_ key: String) -> Double? {
        guard let score = scores[key], range.upperBound > range.lowerBound else { return nil }
        return (score - range.lowerBound) / (range.upperBound - range.lowerBound) * 100
    }
}
