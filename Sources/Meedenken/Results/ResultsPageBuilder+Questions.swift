import Foundation
import MeedenkenCore
import MeedenkenStore

extension ResultsPageBuilder {
    func section(_ question: Question, figures: [ResultsComputation.CellFigures]) -> ResultsPage.QuestionSection {
        let questionText = question.text.text(language)
        let result = figures.first?.results[question.key]
        let themeName = question.theme.flatMap { key in Theme.defaults.first { $0.key == key }?.name.text(language) ?? key }
        let headings = columnHeadings(question)
        let breakdown = figures.dropFirst().isEmpty ? [] : figures.map { figure in breakdownRow(question, figure) }
        guard let result else {
            return .init(
                key: question.key, text: questionText, theme: themeName, isHidden: true, isFew: false, isText: question.type.isText, respondents: "–",
                options: [], hasOptions: false, chart: nil, figures: [], apart: nil, breakdown: breakdown, hasBreakdown: !breakdown.isEmpty,
                mainHeading: headings.main, positiveHeading: headings.positive)
        }
        let labels = Dictionary(question.answerOptions.map { ($0.key, $0.label.text(language)) }, uniquingKeysWith: { first, _ in first })
        let options = result.distribution.map { share in
            ResultsPage.OptionRow(label: labels[share.key] ?? share.key, count: String(share.count), percentage: format.percentage(share.percentage))
        }
        let chartItems = result.distribution.compactMap { share in
            share.percentage.map { (label: labels[share.key] ?? share.key, percentage: $0, valueText: format.percentage($0)) }
        }
        let description =
            text.t("results.chart.description", ["question": questionText, "count": String(result.base)]) + " "
            + chartItems.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
        var apart: [String] = []
        if question.allowsDontKnow || result.dontKnow > 0 { apart.append(text.t("results.dontKnow", ["count": String(result.dontKnow)])) }
        if question.allowsNotApplicable || result.notApplicable > 0 { apart.append(text.t("results.notApplicable", ["count": String(result.notApplicable)])) }
        return .init(
            key: question.key, text: questionText, theme: themeName, isHidden: false, isFew: ResultRelease.isFewResponses(result.respondents),
            isText: question.type.isText, respondents: String(result.respondents), options: question.type.isText ? [] : options,
            hasOptions: !question.type.isText && !options.isEmpty,
            chart: question.type.isText || chartItems.isEmpty ? nil : ResultChart(id: "chart-\(question.key)", description: description, items: chartItems),
            figures: keyFigures(question, result), apart: apart.isEmpty ? nil : apart.joined(separator: " · "),
            breakdown: breakdown, hasBreakdown: !breakdown.isEmpty, mainHeading: headings.main, positiveHeading: headings.positive)
    }

    func columnHeadings(_ question: Question) -> (main: String, positive: String) {
        switch question.type {
        case .reportMark: (text.t("results.figure.averageMark"), text.t("results.figure.pass"))
        case .recommendation: (text.t("results.figure.mean"), text.t("results.figure.nps"))
        case .friendsAndFamily: (text.t("results.figure.positive"), text.t("results.figure.negative"))
        case .yesNo: (text.t("results.figure.yes"), "")
        case .singleChoice, .multipleChoice, .shortText, .longText: ("", "")
        default: (text.t("results.figure.mean"), text.t("results.figure.positive"))
        }
    }

    func breakdownRow(_ question: Question, _ figure: ResultsComputation.CellFigures) -> ResultsPage.BreakdownRow {
        let label = subject.label(of: figure.place, text)
        guard let result = figure.results[question.key] else {
            return .init(label: label, isTeam: isTeam(figure.place), respondents: "–", main: "–", positive: "–", isHidden: true, isFew: false)
        }
        let columns = mainAndPositive(question, result)
        return .init(
            label: label, isTeam: isTeam(figure.place), respondents: String(result.respondents), main: columns.main, positive: columns.positive,
            isHidden: false, isFew: ResultRelease.isFewResponses(result.respondents))
    }

    func mainAndPositive(_ question: Question, _ result: QuestionResult) -> (main: String, positive: String) {
        switch question.type {
        case .friendsAndFamily: (format.percentage(result.percentPositive), format.percentage(result.percentNegative))
        case .recommendation: (result.summary?.mean.map { format.decimal($0) } ?? "", result.netPromoterScore.map { format.signed($0, digits: 0) } ?? "")
        case .yesNo: (format.percentage(result.percentPositive), "")
        case .singleChoice, .multipleChoice, .shortText, .longText: ("", "")
        default: (result.summary?.mean.map { format.decimal($0) } ?? "", format.percentage(result.percentPositive))
        }
    }

    func keyFigures(_ question: Question, _ result: QuestionResult) -> [ResultsPage.Figure] {
        guard result.base > 0 else { return [] }
        switch question.type {
        case .reportMark:
            return [
                .init(label: text.t("results.figure.averageMarkInterval"), value: format.meanWithInterval(result.summary)),
                .init(label: text.t("results.figure.pass"), value: format.percentage(result.percentPositive)),
            ]
        case .recommendation:
            return [
                .init(label: text.t("results.figure.nps"), value: result.netPromoterScore.map { format.signed($0, digits: 0) } ?? ""),
                .init(label: text.t("results.figure.promoters"), value: format.percentage(result.percentPositive)),
                .init(label: text.t("results.figure.detractors"), value: format.percentage(result.percentNegative)),
                .init(label: text.t("results.figure.meanInterval"), value: format.meanWithInterval(result.summary)),
            ]
        case .friendsAndFamily:
            return [
                .init(label: text.t("results.figure.positive"), value: format.percentage(result.percentPositive)),
                .init(label: text.t("results.figure.negative"), value: format.percentage(result.percentNegative)),
            ]
        case .yesNo:
            return [.init(label: text.t("results.figure.yes"), value: format.percentage(result.percentPositive))]
        case .frequency4, .agree5, .smiley3, .smiley5:
            return [
                .init(label: text.t("results.figure.meanInterval"), value: format.meanWithInterval(result.summary)),
                .init(label: text.t("results.figure.positive"), value: format.percentage(result.percentPositive)),
            ]
        case .singleChoice, .multipleChoice, .shortText, .longText:
            return []
        }
    }
}
