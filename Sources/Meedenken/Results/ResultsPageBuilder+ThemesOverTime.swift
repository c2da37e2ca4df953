import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsPageBuilder {
    var themesInUse: [Theme] {
        let keys = Set(subject.questions.compactMap { QuestionScoring($0) == nil ? nil : $0.theme })
        return Theme.defaults.filter { keys.contains($0.key) }
    }

    func themeRows(_ total: ResultsComputation.CellFigures?) -> [ResultsPage.ThemeRow] {
        guard let total else { return [] }
        let scores = ThemeScore.scores(questions: subject.questions, results: total.results)
        return themesInUse.map { theme in
            let summary = total.respondents == nil ? nil : scores[theme.key]
            return .init(
                name: theme.name.text(language), score: summary?.mean.map { format.decimal($0, digits: 0) } ?? "–",
                answers: summary.map { String($0.count) } ?? "–", isHidden: summary == nil,
                isFew: summary.map { ResultRelease.isFewResponses($0.count) } ?? false)
        }
    }

    /// People and theme scores per period for the view's own group: each period a view of its
    /// own, so the same classes and the same per-question rule apply as everywhere.
    func periodSection(period: ResultDimension, data: ResultsData, place: ResultPlace) -> ResultsPage.PeriodSection {
        let computation = subject.computation
        var values = Set<String>()
        for released in data.classSizes.keys {
            switch (released.period, period) {
            case (.month(let month), .month): values.insert(month)
            case (.month(let month), _): values.insert(ResultRelease.quarter(of: month))
            case (.quarter(let quarter), .quarter): values.insert(quarter)
            default: break
            }
        }
        let themes = themesInUse
        // A period's score is shown when it rests on at least the minimum number of answers.
        let minimum = max(subject.minimum, MinimumGroupSize.floor)
        var scores = Array(repeating: [Double?](), count: themes.count)
        let rows = values.sorted().map { value in
            let viewPeriod: ResultRelease.View.ViewPeriod = period == .month ? .month(value) : .quarter(value)
            let figure = computation.figures(data: data, questions: subject.questions, filter: filter, period: viewPeriod, places: [place])[0]
            let themeScores = figure.respondents == nil ? [:] : ThemeScore.scores(questions: subject.questions, results: figure.results)
            let shown: [Double?] = themes.map { theme in
                guard let summary = themeScores[theme.key], summary.count >= minimum else { return nil }
                return summary.mean
            }
            for index in themes.indices { scores[index].append(shown[index]) }
            return ResultsPage.PeriodRow(
                period: period.label(value, text), respondents: figure.respondents.map(String.init) ?? "–",
                scores: shown.map { $0.map { format.decimal($0, digits: 0) } ?? "–" })
        }
        let labels = values.sorted().map { period.label($0, text) }
        let themeNames = themes.map { $0.name.text(language) }
        let byMonth = period == .month
        return .init(
            heading: text.t(byMonth ? "results.periodsHeading.month" : "results.periodsHeading"),
            column: text.t(byMonth ? "results.column.month" : "results.column.quarter"), themes: themeNames, rows: rows,
            chart: themes.isEmpty || rows.count < 2
                ? nil
                : ResultTrendChart(
                    description: text.t(byMonth ? "results.trend.month" : "results.trend.quarter"), periods: labels, themes: themeNames, scores: scores),
            choices: periodChoices(current: period), hasRows: true)
    }

    /// Only the links to the view over time.
    func periodChoice() -> ResultsPage.PeriodSection {
        .init(
            heading: text.t("results.periodsHeading.choose"), column: "", themes: [], rows: [], chart: nil, choices: periodChoices(current: nil),
            hasRows: false)
    }

    func periodChoices(current: ResultDimension?) -> [ResultsPage.PeriodSection.Choice] {
        let page = SiteRoute.questionnaireResults(id: subject.id)
        return [
            .init(
                label: text.t("results.per.quarter"), href: page.path(filter.queryItems + [.period("kwartaal")]) + "#periods-heading",
                isCurrent: current == .quarter),
            .init(
                label: text.t("results.per.month"), href: page.path(filter.queryItems + [.period("maand")]) + "#periods-heading",
                isCurrent: current == .month),
        ]
    }
}
