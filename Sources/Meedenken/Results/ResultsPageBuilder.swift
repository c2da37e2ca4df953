import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Builds the results page from one snapshot (`ResultsSnapshotReader`): the view's groups and
/// questions, themes, quarters and response rates, every figure taken from `ResultsComputation`
/// so none escapes suppression. Pure: it reads nothing and holds no request.
struct ResultsPageBuilder {
    let subject: ResultsSubject
    let filter: ResultFilter
    let problems: [String]
    let snapshot: ResultsSnapshot<ResultsData>
    let text: ResultsText
    let layout: LayoutContext
    /// Today: invitations mailed before this month are set beside the people released.
    let now: Date
    /// Over time by quarter, or by month (`per=`); nil: only the links to it.
    let perParameter: String?
    /// The public page: the organisation only, no links for staff.
    var publicView = false
    /// May see open answers to review, set the previous wave and publish.
    var canReview = false
    var canExportRespondents = false

    var format: ResultFormatting { text.format }
    var language: String { text.language.rawValue }

    /// The page's title, for its layout.
    static func titleKey(publicView: Bool) -> String { publicView ? "published.resultTitle" : "results.title" }

    func build() throws -> ResultsPage {
        let dimensions = filter.activeDimensions
        var problems = problems
        // Over time by quarter, or by month for a continuous questionnaire; not when one quarter is
        // chosen. Counted on request (`per=`): it reads the monthly counts, the largest table.
        if let perParameter, !["kwartaal", "maand"].contains(perParameter) { problems.append("results.error.unknownValue") }
        let period: ResultDimension = perParameter == "maand" ? .month : .quarter
        let data = snapshot.tallies
        let hasNoTeam = data.classSizes.keys.contains { $0.place == .noTeam }
        let places: [ResultPlace]
        if let allowed = subject.places(for: filter.place, hasNoTeamResponses: hasNoTeam) {
            places = allowed
        } else {
            problems.append("results.error.unknownPlace")
            places = subject.places(for: .all, hasNoTeamResponses: hasNoTeam) ?? []
        }
        let computation = subject.computation
        let figures = computation.figures(data: data, questions: subject.questions, filter: filter, places: places)
        let total = figures.first
        let totalRespondents = total?.respondents
        let responseRows = dimensions.isEmpty ? responseRows(places: places, data: data) : []
        let themeRows = themeRows(total)
        let compareOptions = compareOptions()
        let previousWave = snapshot.previousWaveID
        let changes = try changesSection(previousWave)
        let viewOfTotal = computation.view(places.first ?? .organisation, filter: filter)
        let viewOpenAnswers =
            totalRespondents == nil
            ? [] : snapshot.reviewedOpenAnswers.filter { computation.counts($0.record, question: $0.questionKey, data: data, in: viewOfTotal) }

        return ResultsPage(
            layout: layout,
            title: subject.definition.title.text(language), backHref: publicView ? SiteRoute.publishedResults.path : SiteRoute.results.path,
            formAction: SiteRoute.questionnaireResults(id: subject.id).path,
            placeOptions: placeOptions(), selects: selects(data), problems: problems.map { text.t($0) }, hasProblems: !problems.isEmpty,
            minimumGroupSize: max(subject.minimum, MinimumGroupSize.floor),
            respondents: totalRespondents.map(String.init) ?? "", isHidden: totalRespondents == nil,
            isFew: totalRespondents.map(ResultRelease.isFewResponses) ?? false,
            viewName: total.map { subject.label(of: $0.place, text) } ?? "",
            responseRows: responseRows, hasResponseRows: !responseRows.isEmpty, themes: themeRows, hasThemes: !themeRows.isEmpty,
            questions: subject.questions.map { question in
                var section = section(question, figures: figures)
                if question.type.isText, !section.isHidden { addOpenAnswers(&section, viewOpenAnswers.filter { $0.questionKey == question.key }) }
                return section
            },
            periods: dimensions.contains(.quarter) || data.isEmpty
                ? nil
                : perParameter == nil
                    ? periodChoice() : periodSection(period: period, data: data, place: places.first ?? .organisation),
            changes: changes,
            previousWaveAction: canReview && !publicView ? SiteRoute.previousWave(id: subject.id).path : nil,
            previousWaveOptions: [SelectOption(value: "", label: text.t("results.previousWave.none"), isSelected: previousWave == nil)]
                + compareOptions.map { SelectOption(value: $0.value, label: $0.label, isSelected: $0.value == previousWave?.uuidString) },
            compareAction: SiteRoute.questionnaireComparison(id: subject.id).path, compareOptions: compareOptions,
            hasCompareOptions: !compareOptions.isEmpty,
            aggregateCSVHref: exportHref(ExportOptions(format: .csv, separator: .comma)),
            aggregateSemicolonHref: exportHref(ExportOptions(format: .csv, separator: .semicolon)),
            aggregateJSONHref: exportHref(ExportOptions(format: .json)),
            respondentExports: [ExportOptions.Format.csv, .xlsx, .sav].map {
                .init(
                    label: text.t("results.export.respondents.\($0.rawValue)"),
                    value: SiteRoute.questionnaireResponsesExport(id: subject.id).path(ExportOptions(format: $0).queryItems))
            },
            canExportRespondents: canExportRespondents,
            openAnswersHref: canReview && !publicView ? SiteRoute.openAnswers(id: subject.id).path : nil,
            pendingOpenAnswers: canReview && !publicView ? snapshot.pendingOpenAnswers : 0,
            publishAction: canReview && !publicView ? SiteRoute.resultPublication(id: subject.id).path : nil,
            isPublished: snapshot.isPublished,
            publicHref: SiteRoute.publishedResult(id: subject.id).path)
    }

    private func exportHref(_ options: ExportOptions) -> String {
        SiteRoute.questionnaireResultsExport(id: subject.id).path(options.queryItems + filter.queryItems)
    }

    // MARK: Open answers

    static let quotesPerQuestion = 3

    private func addOpenAnswers(_ section: inout ResultsPage.QuestionSection, _ answers: [ReviewedOpenAnswer]) {
        guard !answers.isEmpty else { return }
        var themeCounts: [String: Int] = [:]
        var toneCounts: [OpenAnswerTone: Int] = [:]
        for answer in answers {
            for theme in answer.themes { themeCounts[theme, default: 0] += 1 }
            if let tone = answer.tone { toneCounts[tone, default: 0] += 1 }
        }
        section.codedThemes =
            Theme.defaults.compactMap { theme in themeCounts[theme.key].map { .init(label: theme.name.text(language), value: String($0)) } }
            + OpenAnswerTone.allCases.compactMap { tone in toneCounts[tone].map { .init(label: text.t("openAnswers.tone.\(tone.rawValue)"), value: String($0)) }
            }
        section.quotes = Array(answers.map(\.masked).filter { !$0.isEmpty }.prefix(Self.quotesPerQuestion))
        section.hasCoded = true
    }

    // MARK: Filters

    private func placeOptions() -> [SelectOption] {
        var options = [
            SelectOption(
                value: "", label: text.t(subject.ownTeams == nil ? "results.place.organisation" : "results.place.ownTeams"), isSelected: filter.place == .all)
        ]
        if let ownTeams = subject.ownTeams {
            for team in ownTeams.sorted(by: { subject.organisation.teamNames[$0] ?? "" < subject.organisation.teamNames[$1] ?? "" }) {
                let value = ResultPlaceFilter.team(team)
                options.append(.init(value: value.parameter, label: subject.organisation.teamNames[team] ?? "", isSelected: filter.place == value))
            }
            return options
        }
        for region in subject.organisation.regionsByName {
            let regionFilter = ResultPlaceFilter.region(region)
            options.append(
                .init(
                    value: regionFilter.parameter, label: text.t("results.place.region", ["name": subject.organisation.regionNames[region] ?? ""]),
                    isSelected: filter.place == regionFilter))
            for team in subject.organisation.teams(in: region) {
                let teamFilter = ResultPlaceFilter.team(team)
                options.append(
                    .init(value: teamFilter.parameter, label: "– " + (subject.organisation.teamNames[team] ?? ""), isSelected: filter.place == teamFilter))
            }
        }
        return options
    }

    /// One select per attribute, with the values of the released classes this person may see
    /// (never their counts; and never a value only another team has).
    private func selects(_ data: ResultsData) -> [ResultsPage.FilterSelect] {
        let computation = subject.computation
        let visible = computation.view(subject.ownTeams == nil ? .organisation : .ownTeams, filter: ResultFilter())
        let classes = data.classSizes.keys.filter { data.release.counts($0, in: visible) }
        var selects: [ResultsPage.FilterSelect] = []
        for dimension in ResultDimension.filters {
            let values: [String]
            if let index = ResultsData.attributes.firstIndex(of: dimension) {
                values = Set(classes.compactMap { $0.attributes[index] }).sorted()
            } else {
                values = Set(
                    classes.compactMap { released -> String? in
                        switch released.period {
                        case .month(let month): ResultRelease.quarter(of: month)
                        case .quarter(let quarter): quarter
                        case .year: nil
                        }
                    }
                ).sorted()
            }
            let chosen = filter.values[dimension]
            var options = [SelectOption(value: "", label: text.t("results.filter.any"), isSelected: chosen == nil)]
            options += values.map { SelectOption(value: $0, label: dimension.label($0, text), isSelected: $0 == chosen) }
            if let chosen, !values.contains(chosen) { options.append(.init(value: chosen, label: chosen, isSelected: true)) }
            selects.append(.init(name: dimension.parameter, label: text.t("results.filter.\(dimension.rawValue)"), options: options))
        }
        return selects
    }

    // MARK: Response rates

    /// Per place the invitations mailed before the first month not yet released, and the people
    /// released there: completed invitations themselves are never counted per team, because that
    /// count moves by one the moment one known client answers.
    private func responseRows(places: [ResultPlace], data: ResultsData) -> [ResultsPage.ResponseRow] {
        let firstOpenDay = String(ResponseRecorder.day(now).prefix(7)) + "-01"
        let rows = snapshot.mailedInvitations
        guard !rows.isEmpty else { return [] }
        var invited: [UUID: Int] = [:]
        for row in rows {
            guard let team = row.team, let mailed = row.firstMailedAt, ResponseRecorder.day(mailed) < firstOpenDay else { continue }
            invited[team, default: 0] += 1
        }
        let computation = subject.computation
        let figures = computation.figures(data: data, questions: [], filter: ResultFilter(), places: places)
        return zip(places, figures).filter { $0.0 != .noTeam }.map { place, figure in
            let sent = invitedCount(place, invited)
            let done = figure.respondents
            var rate = ""
            if let done, sent > 0, done <= sent { rate = format.percentage(Double(done) / Double(sent) * 100) }
            return .init(
                label: subject.label(of: place, text), isTeam: isTeam(place), invited: String(sent), completed: done.map(String.init) ?? "–",
                rate: rate.isEmpty ? "–" : rate)
        }
    }

    /// Invitations mailed for a place (people, not answers: no small-group rule applies).
    private func invitedCount(_ place: ResultPlace, _ invited: [UUID: Int]) -> Int {
        let organisation = subject.organisation
        return invited.reduce(0) { sum, entry in
            let (team, count) = entry
            let counts: Bool =
                switch place {
                case .organisation: true
                case .ownTeams: subject.ownTeams?.contains(team) ?? false
                case .region(let id): organisation.regionOfTeam[team]?.uuidString == id
                case .team(let id): team.uuidString == id
                case .noTeam: false
                }
            return counts ? sum + count : sum
        }
    }

    private func isTeam(_ place: ResultPlace) -> Bool {
        if case .team = place { return true }
        return place == .noTeam
    }

    // MARK: Themes

    var themesInUse: [Theme] {
        let keys = Set(subject.questions.compactMap { QuestionScoring($0) == nil ? nil : $0.theme })
        return Theme.defaults.filter { keys.contains($0.key) }
    }

    private func themeRows(_ total: ResultsComputation.CellFigures?) -> [ResultsPage.ThemeRow] {
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
    private func periodSection(period: ResultDimension, data: ResultsData, place: ResultPlace) -> ResultsPage.PeriodSection {
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
    private func periodChoice() -> ResultsPage.PeriodSection {
        .init(
            heading: text.t("results.periodsHeading.choose"), column: "", themes: [], rows: [], chart: nil, choices: periodChoices(current: nil),
            hasRows: false)
    }

    private func periodChoices(current: ResultDimension?) -> [ResultsPage.PeriodSection.Choice] {
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

    // MARK: Questions

    private func section(_ question: Question, figures: [ResultsComputation.CellFigures]) -> ResultsPage.QuestionSection {
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

    private func columnHeadings(_ question: Question) -> (main: String, positive: String) {
        switch question.type {
        case .reportMark: (text.t("results.figure.averageMark"), text.t("results.figure.pass"))
        case .recommendation: (text.t("results.figure.mean"), text.t("results.figure.nps"))
        case .friendsAndFamily: (text.t("results.figure.positive"), text.t("results.figure.negative"))
        case .yesNo: (text.t("results.figure.yes"), "")
        case .singleChoice, .multipleChoice, .shortText, .longText: ("", "")
        default: (text.t("results.figure.mean"), text.t("results.figure.positive"))
        }
    }

    private func breakdownRow(_ question: Question, _ figure: ResultsComputation.CellFigures) -> ResultsPage.BreakdownRow {
        let label = subject.label(of: figure.place, text)
        guard let result = figure.results[question.key] else {
            return .init(label: label, isTeam: isTeam(figure.place), respondents: "–", main: "–", positive: "–", isHidden: true, isFew: false)
        }
        let columns = mainAndPositive(question, result)
        return .init(
            label: label, isTeam: isTeam(figure.place), respondents: String(result.respondents), main: columns.main, positive: columns.positive,
            isHidden: false, isFew: ResultRelease.isFewResponses(result.respondents))
    }

    private func mainAndPositive(_ question: Question, _ result: QuestionResult) -> (main: String, positive: String) {
        switch question.type {
        case .friendsAndFamily: (format.percentage(result.percentPositive), format.percentage(result.percentNegative))
        case .recommendation: (result.summary?.mean.map { format.decimal($0) } ?? "", result.netPromoterScore.map { format.signed($0, digits: 0) } ?? "")
        case .yesNo: (format.percentage(result.percentPositive), "")
        case .singleChoice, .multipleChoice, .shortText, .longText: ("", "")
        default: (result.summary?.mean.map { format.decimal($0) } ?? "", format.percentage(result.percentPositive))
        }
    }

    private func keyFigures(_ question: Question, _ result: QuestionResult) -> [ResultsPage.Figure] {
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

    // MARK: Comparison

    /// What changed since the previous wave, as on the comparison page: for the whole view (the
    /// organisation, or a team manager's own teams), through the same suppression.
    private func changesSection(_ previousID: UUID?) throws -> ResultsPage.ChangesSection? {
        guard let previousID else { return nil }
        // A previous wave that names no questionnaire (any more) is not found, as before.
        guard let wave = snapshot.previousWave else { throw LocalizedError(.notFound, "error.message.404") }
        let previous = subject.other(wave.previous)
        let figures = WaveComparison(current: subject, previous: previous, snapshot: wave, text: text).figures()
        return .init(
            previousTitle: previous.definition.title.text(language), currentRespondents: figures.currentRespondents,
            previousRespondents: figures.previousRespondents, questions: figures.questions, themes: figures.themes, hasThemes: !figures.themes.isEmpty,
            compareHref: SiteRoute.questionnaireComparison(id: subject.id).path(.compareWith(previousID)))
    }

    private func compareOptions() -> [SelectOption] {
        snapshot.otherWaves.map { other in
            SelectOption(value: other.id.uuidString, label: other.definition.title.text(language), isSelected: false)
        }
    }
}
