import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// This wave against an earlier one (or any two questionnaires with shared question keys), per
/// question and per theme. Differences are tested with Welch's t-test on the means (two-sided,
/// 5%); themes are compared on each respondent's theme score, so every respondent counts once.
struct WaveComparisonPage: Encodable {
    struct Row: Encodable {
        let label: String
        let current: String
        let previous: String
        let difference: String
        let p: String
        let isSignificant: Bool
        let isUp: Bool
        let isHidden: Bool
        let isFew: Bool
    }

    let layout: LayoutContext
    let title: String
    let previousTitle: String
    let backHref: String
    let currentRespondents: String
    let previousRespondents: String
    let questions: [Row]
    let themes: [Row]
    let hasThemes: Bool
    let minimumGroupSize: Int
}

/// Two waves compared, from one snapshot (`ResultsSnapshotReader.comparison`): pure, it reads
/// nothing and holds no request.
struct WaveComparison {
    let current: ResultsSubject
    let previous: ResultsSubject
    let snapshot: WaveSnapshot<ResultsData>
    let text: ResultsText

    /// The comparison's figures: people in each wave, and per question and theme the two means,
    /// the difference and Welch's test.
    struct Figures {
        let currentRespondents: String
        let previousRespondents: String
        let questions: [WaveComparisonPage.Row]
        let themes: [WaveComparisonPage.Row]
    }

    func page(layout: LayoutContext) -> WaveComparisonPage {
        let language = text.language.rawValue
        let figures = figures()
        return WaveComparisonPage(
            layout: layout, title: current.definition.title.text(language), previousTitle: previous.definition.title.text(language),
            backHref: SiteRoute.questionnaireResults(id: current.id).path,
            currentRespondents: figures.currentRespondents, previousRespondents: figures.previousRespondents,
            questions: figures.questions, themes: figures.themes, hasThemes: !figures.themes.isEmpty,
            minimumGroupSize: max(current.minimum, MinimumGroupSize.floor))
    }

    /// The view compared: the organisation, or a team manager's own teams.
    static func place(_ subject: ResultsSubject) -> ResultPlace { subject.ownTeams == nil ? .organisation : .ownTeams }

    /// The questions both waves ask the same way, with a score.
    static func shared(_ current: ResultsSubject, _ previous: ResultsSubject) -> [Question] {
        let previousByKey = Dictionary(previous.questions.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return current.questions.filter { previousByKey[$0.key]?.type == $0.type && QuestionScoring($0) != nil }
    }

    static func themes(_ shared: [Question]) -> [Theme] { Theme.defaults.filter { theme in shared.contains { $0.theme == theme.key } } }

    /// Whether themes are compared, which needs each person's answers: when both waves released
    /// people in the view and share a theme.
    static func comparesPeople(_ current: ResultsSubject, _ currentData: ResultsData, _ previous: ResultsSubject, _ previousData: ResultsData) -> Bool {
        let shared = shared(current, previous)
        let place = place(current)
        return !themes(shared).isEmpty && totalFigures(current, currentData, questions: shared, place: place).respondents != nil
            && totalFigures(previous, previousData, questions: shared, place: place).respondents != nil
    }

    func figures() -> Figures {
        let format = text.format
        let language = text.language.rawValue
        let place = Self.place(current)
        let shared = Self.shared(current, previous)
        let currentFigures = Self.totalFigures(current, snapshot.currentTallies, questions: shared, place: place)
        let previousFigures = Self.totalFigures(previous, snapshot.previousTallies, questions: shared, place: place)

        let questionRows = shared.map { question in
            row(
                label: question.text.text(language), current: currentFigures.results[question.key]?.summary,
                previous: previousFigures.results[question.key]?.summary, format: format)
        }
        var themeRows: [WaveComparisonPage.Row] = []
        if currentFigures.respondents != nil, previousFigures.respondents != nil {
            let themes = Self.themes(shared)
            let currentThemes = respondentThemeScores(
                current, snapshot.currentTallies, snapshot.currentRespondents ?? [], questions: shared, themes: themes, place: place)
            let previousThemes = respondentThemeScores(
                previous, snapshot.previousTallies, snapshot.previousRespondents ?? [], questions: shared, themes: themes, place: place)
            themeRows = themes.map { theme in
                row(label: theme.name.text(language), current: currentThemes[theme.key], previous: previousThemes[theme.key], format: format, digits: 0)
            }
        }
        return Figures(
            currentRespondents: currentFigures.respondents.map(String.init) ?? "–", previousRespondents: previousFigures.respondents.map(String.init) ?? "–",
            questions: questionRows, themes: themeRows)
    }

    /// A row is shown only when both groups pass the minimum.
    private func row(label: String, current: SampleSummary?, previous: SampleSummary?, format: ResultFormatting, digits: Int = 1)
        -> WaveComparisonPage.Row
    {
        let minimum = max(self.current.minimum, MinimumGroupSize.floor)
        guard let current, let previous, current.count >= minimum, previous.count >= minimum, let now = current.mean, let then = previous.mean
        else {
            return .init(label: label, current: "–", previous: "–", difference: "–", p: "–", isSignificant: false, isUp: false, isHidden: true, isFew: false)
        }
        let test = WelchTest(current, previous)
        return .init(
            label: label, current: format.decimal(now, digits: digits), previous: format.decimal(then, digits: digits),
            difference: format.signed(now - then, digits: digits),
            p: test.map { $0.p < 0.001 ? "< " + format.decimal(0.001, digits: 3) : format.decimal($0.p, digits: 3) } ?? "–",
            isSignificant: test?.isSignificant ?? false, isUp: now > then, isHidden: false,
            isFew: ResultRelease.isFewResponses(min(current.count, previous.count)))
    }

    private static func totalFigures(_ subject: ResultsSubject, _ data: ResultsData, questions: [Question], place: ResultPlace)
        -> ResultsComputation.CellFigures
    {
        subject.computation.figures(data: data, questions: questions, filter: ResultFilter(), places: [place])[0]
    }

    /// Each respondent's score per theme (their answers' mean on 0–100), from each response's
    /// answer line: one row per response. Only released responses count, each with the answers
    /// its class releases, so the comparison rests on the same classes as every other figure.
    private func respondentThemeScores(
        _ subject: ResultsSubject, _ data: ResultsData, _ respondents: [RespondentAnswers], questions: [Question], themes: [Theme], place: ResultPlace
    ) -> [String: SampleSummary] {
        guard !themes.isEmpty else { return [:] }
        let view = subject.computation.view(place, filter: ResultFilter())
        var summaries: [String: SampleSummary] = [:]
        for respondent in respondents {
            guard let released = data.release.classOf[respondent.record], data.release.counts(released, in: view) else { continue }
            let releasedQuestions = data.tallies[released] ?? [:]
            let answers = AnswerLine.parse(respondent.answerLine).filter { releasedQuestions[$0.key] != nil }
            for theme in themes {
                if let score = ThemeScore.respondentScore(questions: questions, answers: answers, theme: theme.key) {
                    summaries[theme.key, default: SampleSummary()].add(score)
                }
            }
        }
        return summaries
    }
}
