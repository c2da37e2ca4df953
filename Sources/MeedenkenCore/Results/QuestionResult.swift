/// The figures for one question in one group, as DOMAIN.md asks for them: the distribution,
/// for scales the mean with its 95% interval and the share positive, the report mark's average,
/// NPS for the recommendation, positive and negative shares for the Friends and Family Test.
/// "Don't know" and "n.v.t." are counted apart and are in no mean or percentage.
public struct QuestionResult: Hashable, Sendable {
    public struct OptionShare: Hashable, Sendable {
        public let key: String
        public let count: Int
        /// Of the respondents with an opinion (for multiple choice: of all who answered).
        public let percentage: Double?
    }

    public let questionKey: String
    public let respondents: Int
    public let dontKnow: Int
    public let notApplicable: Int
    public let distribution: [OptionShare]
    /// Respondents whose answer counts in the percentages and the mean.
    public let base: Int
    public let summary: SampleSummary?
    public let percentPositive: Double?
    public let percentNegative: Double?
    /// Net Promoter Score: % 9–10 minus % 0–6, from −100 to 100.
    public let netPromoterScore: Double?
    /// Mean of the answers on a 0–100 line, for theme scores.
    public let normalizedSummary: SampleSummary?

    public init(question: Question, tally: QuestionTally) {
        questionKey = question.key
        respondents = tally.respondents
        dontKnow = tally.dontKnow
        notApplicable = tally.notApplicable
        let scoring = QuestionScoring(question)
        // The Friends and Family Test's own "don't know" option is no opinion either.
        let optionsWithOpinion = question.answerOptions.map(\.key).filter {
            question.type != .friendsAndFamily || $0 != StandardScales.friendsAndFamilyDontKnow.key
        }
        let opinionCount = optionsWithOpinion.reduce(0) { $0 + (tally.options[$1] ?? 0) }
        let base = question.type == .multipleChoice ? tally.respondents - tally.dontKnow - tally.notApplicable : opinionCount
        self.base = base
        distribution = question.answerOptions.map { option in
            let count = tally.options[option.key] ?? 0
            let counts = optionsWithOpinion.contains(option.key)
            return OptionShare(key: option.key, count: count, percentage: counts && base > 0 ? Double(count) / Double(base) * 100 : nil)
        }
        guard let scoring, base > 0 else {
            summary = nil
            normalizedSummary = nil
            percentPositive = nil
            percentNegative = nil
            netPromoterScore = nil
            return
        }
        var summary = SampleSummary()
        var normalized = SampleSummary()
        var positive = 0
        var negative = 0
        for (key, count) in tally.options where count > 0 {
            guard let score = scoring.scores[key] else { continue }
            summary.add(score, times: count)
            if let value = scoring.normalized(key) { normalized.add(value, times: count) }
            if scoring.positive.contains(key) { positive += count }
            if scoring.negative.contains(key) { negative += count }
        }
        self.summary = summary
        normalizedSummary = normalized
        let share = { (count: Int) in Double(count) / Double(base) * 100 }
        percentPositive = share(positive)
        switch question.type {
        case .recommendation:
            percentNegative = share(negative)
            netPromoterScore = share(positive) - share(negative)
        case .friendsAndFamily:
            percentNegative = share(negative)
            netPromoterScore = nil
        default:
            percentNegative = nil
            netPromoterScore = nil
        }
    }
}
