import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
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

struct WaveComparisonBuilder {
    let req: Request
    let current: ResultsSubject
    let previous: ResultsSubject

    /// The comparison's figures: people in each wave, and per question and theme the two means,
    /// the difference and Welch's test.
    struct Figures {
        let currentRespondents: String
        let previousRespondents: String
        let questions: [WaveComparisonPage.Row]
        let themes: [WaveComparisonPage.Row]
    }

    func build() async throws -> WaveComparisonPage {
        let language = req.language.rawValue
        let figures = try await figures()
        return WaveComparisonPage(
            layout: try await req.layout(titleKey: "comparison.title", titleArguments: ["title": current.definition.title.text(language)]),
            title: current.definition.title.text(language), previousTitle: previous.definition.title.text(language),
            backHref: SiteRoute.questionnaireResults(id: current.id).path,
            currentRespondents: figures.currentRespondents, previousRespondents: figures.previousRespondents,
            questions: figures.questions, themes: figures.themes, hasThemes: !figures.themes.isEmpty,
            minimumGroupSize: max(current.minimum, MinimumGroupSize.floor))
    }

    func figures() async throws -> Figures {
        let format = ResultFormatting(language: req.language)
        let language = req.language.rawValue
        let place: ResultPlace = current.ownTeams == nil ? .organisation : .ownTeams
        let previousByKey = Dictionary(previous.questions.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        let shared = current.questions.filter { previousByKey[$0.key]?.type == $0.type && QuestionScoring($0) != nil }
        let currentFigures = try await totalFigures(current, questions: shared, place: place)
        let previousFigures = try await totalFigures(previous, questions: shared, place: place)

        let questionRows = shared.map { question in
            row(
                label: question.text.text(language), current: currentFigures.results[question.key]?.summary,
                previous: previousFigures.results[question.key]?.summary, format: format)
        }
        var themeRows: [WaveComparisonPage.Row] = []
        if currentFigures.respondents != nil, previousFigures.respondents != nil {
            let themes = Theme.defaults.filter { theme in shared.contains { $0.theme == theme.key } }
            let currentThemes = try await respondentThemeScores(current, questions: shared, themes: themes, place: place)
            let previousThemes = try await respondentThemeScores(previous, questions: shared, themes: themes, place: place)
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

    private func totalFigures(_ subject: ResultsSubject, questions: [Question], place: ResultPlace) async throws -> ResultsComputation.CellFigures {
        let data = try await subject.data(on: req)
        return subject.computation.figures(data: data, questions: questions, filter: ResultFilter(), places: [place])[0]
    }

    /// Each respondent's score per theme (their answers' mean on 0–100), from each response's
    /// answer line: one row per response. Only released responses count, each with the answers
    /// its class releases, so the comparison rests on the same classes as every other figure.
    private func respondentThemeScores(_ subject: ResultsSubject, questions: [Question], themes: [Theme], place: ResultPlace) async throws
        -> [String: SampleSummary]
    {
        guard let sql = req.db as? any SQLDatabase, !themes.isEmpty else { return [:] }
        let data = try await subject.data(on: req)
        let view = subject.computation.view(place, filter: ResultFilter())
        let attributes = ResultsData.attributes.enumerated().map { ", \($1.sqlExpression) AS d\($0)" }.joined()
        var query = SQLQueryString(
            "SELECT r.answer_line AS answers, r.team_id AS team\(unsafeRaw: attributes), \(unsafeRaw: ResultDimension.month.sqlExpression) AS month FROM responses r WHERE r.version_id IN ("
        )
        query.appendInterpolation(binds: subject.versionIDs)
        query.appendLiteral(")")
        if let ownTeams = subject.ownTeams {
            query.appendLiteral(" AND r.team_id IN (")
            query.appendInterpolation(binds: ownTeams.isEmpty ? [UUID()] : Array(ownTeams))
            query.appendLiteral(")")
        }
        var summaries: [String: SampleSummary] = [:]
        for row in try await sql.raw(query).all() {
            let record = ResultRelease.Record(
                team: try row.decode(column: "team", as: UUID?.self)?.uuidString,
                attributes: try ResultsData.attributes.indices.map { try row.decode(column: "d\($0)", as: String.self) },
                month: try row.decode(column: "month", as: String.self))
            guard let released = data.release.classOf[record], data.release.counts(released, in: view) else { continue }
            let releasedQuestions = data.tallies[released] ?? [:]
            let answers = AnswerLine.parse(try row.decode(column: "answers", as: String?.self) ?? "").filter { releasedQuestions[$0.key] != nil }
            for theme in themes {
                if let score = ThemeScore.respondentScore(questions: questions, answers: answers, theme: theme.key) {
                    summaries[theme.key, default: SampleSummary()].add(score)
                }
            }
        }
        return summaries
    }
}
