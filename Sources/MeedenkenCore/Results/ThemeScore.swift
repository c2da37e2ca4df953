/// A theme's score: the mean of all answers to the theme's scale questions, each first put on a
/// 0–100 line (so a 4-point frequency and a 5-point agreement scale can be combined), and every
/// answer weighing the same. "Don't know" and "n.v.t." are not in it.
public enum ThemeScore {
    public static func scores(questions: [Question], results: [String: QuestionResult]) -> [String: SampleSummary] {
        var scores: [String: SampleSummary] = [:]
        for question in questions {
            guard let theme = question.theme, let normalized = results[question.key]?.normalizedSummary, normalized.count > 0 else { continue }
            scores[theme, default: SampleSummary()].merge(normalized)
        }
        return scores
    }

    /// One respondent's score on a theme, for comparisons where each respondent counts once.
    public static func respondentScore(questions: [Question], answers: [String: Answer], theme: String) -> Double? {
        var summary = SampleSummary()
        for question in questions where question.theme == theme {
            guard let scoring = QuestionScoring(question), let key = answers[question.key]?.optionKey, let value = scoring.normalized(key)
            else { continue }
            summary.add(value)
        }
        return summary.mean
    }
}
