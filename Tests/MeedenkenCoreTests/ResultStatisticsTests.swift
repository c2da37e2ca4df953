import Testing

@testable import MeedenkenCore

/// Reference values come from `scipy.stats` 1.17 on the same data (the script is in
/// `e2e/test_results_statistics.py`, which also checks the application's JSON against scipy):
///   a = [1,2,2,3,3,3,4,4,4,4,5,5]; b = [2,3,3,4,4,4,4,5,5,5,5,5,5,4]
///   stats.t.interval(0.95, n-1, loc=mean, scale=stats.sem(x)); stats.ttest_ind(a, b, equal_var=False)
@Suite("Result statistics")
struct ResultStatisticsTests {
    let first: [Double] = [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5]
    let second: [Double] = [2, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 4]

    func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    @Test func meanVarianceAndConfidenceIntervalMatchScipy() throws {
        let summary = SampleSummary(values: first)
        #expect(close(summary.mean, 3.3333333333333335))
        #expect(close(summary.variance, 1.5151515151515154))
        let interval = try #require(summary.confidenceInterval95)
        #expect(close(interval.lowerBound, 2.5512473119673245, 1e-8))
        #expect(close(interval.upperBound, 4.115419354699342, 1e-8))
        let other = try #require(SampleSummary(values: second).confidenceInterval95)
        #expect(close(other.lowerBound, 3.5947694125317122, 1e-8))
        #expect(close(other.upperBound, 4.690944873182574, 1e-8))
    }

    @Test func studentTMatchesScipy() {
        #expect(close(StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: 4), 2.7764451051977934, 1e-8))
        #expect(close(StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: 29), 2.045229642132703, 1e-8))
        #expect(close(StudentT.criticalValue(twoSidedP: 0.05, degreesOfFreedom: 1000), 1.9623390808264083, 1e-8))
        #expect(close(StudentT.twoSidedP(2.5, degreesOfFreedom: 7.3), 0.03965023466560043, 1e-10))
    }

    @Test func welchTestMatchesScipy() throws {
        let test = try #require(WelchTest(SampleSummary(values: first), SampleSummary(values: second)))
        #expect(close(test.t, -1.8541190229896396, 1e-9))
        #expect(close(test.degreesOfFreedom, 20.553864883913263, 1e-8))
        #expect(close(test.p, 0.07812886621972917, 1e-9))
        #expect(!test.isSignificant)
        #expect(WelchTest(SampleSummary(values: [3]), SampleSummary(values: second)) == nil, "one answer has no spread")
    }

    func question(_ type: QuestionType, theme: String? = nil) -> Question {
        Question(key: "q", type: type, text: LocalizedText(nl: "Vraag", en: "Question"), required: false, allowsDontKnow: true, theme: theme)
    }

    @Test func aScaleQuestionReportsDistributionMeanAndPositiveWithDontKnowApart() throws {
        var tally = QuestionTally()
        tally.add(.option("never"), count: 1)
        tally.add(.option("sometimes"), count: 3)
        tally.add(.option("mostly"), count: 4)
        tally.add(.option("always"), count: 2)
        tally.add(.dontKnow, count: 5)
        let result = QuestionResult(question: question(.frequency4), tally: tally)
        #expect(result.respondents == 15 && result.dontKnow == 5 && result.base == 10)
        #expect(result.distribution.map(\.count) == [1, 3, 4, 2])
        #expect(result.distribution.map(\.percentage) == [10, 30, 40, 20])
        #expect(close(result.summary?.mean, 2.7), "(1 + 6 + 12 + 8) / 10; don't know is not in the mean")
        #expect(close(result.percentPositive, 60), "mostly and always")
    }

    @Test func theRecommendationGivesNetPromoterScore() {
        var tally = QuestionTally()
        for (score, count) in [(10, 3), (9, 2), (8, 2), (7, 1), (6, 1), (3, 1)] { tally.add(.number(score), count: count) }
        let result = QuestionResult(question: question(.recommendation), tally: tally)
        #expect(close(result.netPromoterScore, 30), "50% promoters − 20% detractors")
    }

    @Test func theFriendsAndFamilyTestGivesPositiveAndNegativeWithoutDontKnow() {
        var tally = QuestionTally()
        tally.add(.option("very_good"), count: 6)
        tally.add(.option("good"), count: 2)
        tally.add(.option("neither"), count: 1)
        tally.add(.option("very_poor"), count: 1)
        tally.add(.option("dont_know"), count: 10)
        let result = QuestionResult(question: question(.friendsAndFamily), tally: tally)
        #expect(result.base == 10)
        #expect(close(result.percentPositive, 80) && close(result.percentNegative, 10))
        #expect(result.distribution.last?.percentage == nil, "don't know is counted, never a percentage")
    }

    @Test func aReportMarkAveragesAndAThemeCombinesScalesOnOneLine() {
        var marks = QuestionTally()
        marks.add(.number(7), count: 2)
        marks.add(.number(8), count: 2)
        var agree = QuestionTally()
        agree.add(.option("strongly_agree"), count: 1)
        agree.add(.option("strongly_disagree"), count: 1)
        var markQuestion = question(.reportMark, theme: "algemeen")
        markQuestion.key = "mark"
        var agreeQuestion = question(.agree5, theme: "algemeen")
        agreeQuestion.key = "agree"
        let results = ["mark": QuestionResult(question: markQuestion, tally: marks), "agree": QuestionResult(question: agreeQuestion, tally: agree)]
        #expect(close(results["mark"]?.summary?.mean, 7.5))
        let theme = ThemeScore.scores(questions: [markQuestion, agreeQuestion], results: results)["algemeen"]
        // Marks 7 and 8 are 66.7 and 77.8 on 0–100; agreement is 100 and 0: six answers.
        #expect(close(theme?.mean, (2 * 600.0 / 9 + 2 * 700.0 / 9 + 100) / 6, 1e-9))
        #expect(theme?.count == 6)
    }
}
