import Fluent
import Foundation
import MeedenkenCore
import SQLKit
import Vapor

/// Builds the results page: the view's groups and questions, themes, quarters and response rates,
/// every figure taken from `ResultsComputation` so none escapes suppression.
struct ResultsPageBuilder {
    let req: Request
    let subject: ResultsSubject
    let filter: ResultFilter
    let problems: [String]
    /// The public page: the organisation only, no links for staff.
    var publicView = false

    var format: ResultFormatting { ResultFormatting(language: req.language) }
    var language: String { req.language.rawValue }

    func build() async throws -> ResultsPage {
        let dimensions = filter.activeDimensions
        var problems = problems
        // Over time by quarter, or by month for a continuous questionnaire; not when one quarter is
        // chosen. Counted on request (`per=`): it reads the monthly counts, the largest table.
        let perParameter = req.query[String.self, at: "per"]
        if let perParameter, !["kwartaal", "maand"].contains(perParameter) { problems.append("results.error.unknownValue") }
        let period: ResultDimension = perParameter == "maand" ? .month : .quarter
        let data = try await ResultsData.load(versionIDs: subject.versionIDs, dimensions: dimensions, on: req.db)
        let chosen = dimensions.map { filter.values[$0] ?? "" }
        let hasNoTeam = data.respondents.keys.contains { $0.team == nil }
        let places: [ResultCube.Place]
        if let allowed = subject.places(for: filter.place, hasNoTeamResponses: hasNoTeam) {
            places = allowed
        } else {
            problems.append("results.error.unknownPlace")
            places = subject.places(for: .all, hasNoTeamResponses: hasNoTeam) ?? []
        }
        let computation = subject.computation
        let figures = computation.figures(data: data, questions: subject.questions, chosen: chosen, places: places)
        let total = figures.first
        let totalRespondents = total?.respondents
        let responseRows = dimensions.isEmpty ? try await responseRows(places: places) : []
        let themeRows = themeRows(total)
        let compareOptions = try await compareOptions()
        let previousWave = try await PreviousWave.of(subject.id, on: req.db)
        let changes = try await changesSection(previousWave)
        let reviewed = try await ReviewedOpenAnswers.load(versionIDs: subject.versionIDs, dimensions: dimensions, on: req.db)
        let viewPlace = places.first ?? .organisation
        let viewOpenAnswers = totalRespondents == nil ? [] : reviewed.filter { computation.matches($0.leaf, place: viewPlace, chosen: chosen) }
        let canReview = req.staff.map { PermissionTable.allows($0.role, .coordinateParticipation) } ?? false

        return ResultsPage(
            layout: try await req.layout(
                titleKey: publicView ? "published.resultTitle" : "results.title", titleArguments: ["title": subject.definition.title.text(language)],
                staffArea: publicView ? false : nil),
            title: subject.definition.title.text(language), backHref: publicView ? SiteRoute.publishedResults.path : SiteRoute.results.path,
            formAction: SiteRoute.questionnaireResults(id: subject.id).path,
            placeOptions: placeOptions(), selects: try await selects(), problems: problems.map { req.t($0) }, hasProblems: !problems.isEmpty,
            minimumGroupSize: max(subject.minimum, MinimumGroupSize.floor),
            respondents: totalRespondents.map(String.init) ?? "", isHidden: totalRespondents == nil,
            isFew: totalRespondents.map(SmallGroupSuppression.isFewResponses) ?? false,
            viewName: total.map { subject.label(of: $0.place, on: req) } ?? "",
            responseRows: responseRows, hasResponseRows: !responseRows.isEmpty, themes: themeRows, hasThemes: !themeRows.isEmpty,
            questions: subject.questions.map { question in
                var section = section(question, figures: figures)
                if question.type.isText, !section.isHidden { addOpenAnswers(&section, viewOpenAnswers.filter { $0.questionKey == question.key }) }
                return section
            },
            periods: dimensions.contains(.quarter) || data.respondents.isEmpty
                ? nil
                : perParameter == nil
                    ? periodChoice() : try await periodSection(period: period, dimensions: dimensions, chosen: chosen, place: places.first ?? .organisation),
            changes: changes,
            previousWaveAction: canReview && !publicView ? SiteRoute.previousWave(id: subject.id).path : nil,
            previousWaveOptions: [SelectOption(value: "", label: req.t("results.previousWave.none"), isSelected: previousWave == nil)]
                + compareOptions.map { SelectOption(value: $0.value, label: $0.label, isSelected: $0.value == previousWave?.uuidString) },
            compareAction: SiteRoute.questionnaireComparison(id: subject.id).path, compareOptions: compareOptions,
            hasCompareOptions: !compareOptions.isEmpty,
            aggregateCSVHref: exportHref("csv", separator: "komma"), aggregateSemicolonHref: exportHref("csv", separator: "puntkomma"),
            aggregateJSONHref: exportHref("json", separator: nil),
            respondentExports: ["csv", "xlsx", "sav"].map {
                .init(label: req.t("results.export.respondents.\($0)"), value: SiteRoute.questionnaireResponsesExport(id: subject.id).path + "?formaat=\($0)")
            },
            canExportRespondents: req.staff.map { PermissionTable.allows($0.role, .exportRespondentData) } ?? false,
            openAnswersHref: canReview && !publicView ? SiteRoute.openAnswers(id: subject.id).path : nil,
            pendingOpenAnswers: canReview && !publicView ? try await pendingCount() : 0,
            publishAction: canReview && !publicView ? SiteRoute.resultPublication(id: subject.id).path : nil,
            isPublished: try await ResultPublication.query(on: req.db).filter(\.$questionnaireID == subject.id).first() != nil,
            publicHref: SiteRoute.publishedResult(id: subject.id).path)
    }

    private func exportHref(_ format: String, separator: String?) -> String {
        var query = ["formaat=\(format)"]
        if let separator { query.append("scheidingsteken=\(separator)") }
        if !filter.queryString.isEmpty { query.append(filter.queryString) }
        return SiteRoute.questionnaireResultsExport(id: subject.id).path + "?" + query.joined(separator: "&")
    }

    // MARK: Open answers

    static let quotesPerQuestion = 3

    private func addOpenAnswers(_ section: inout ResultsPage.QuestionSection, _ answers: [ReviewedOpenAnswers.Item]) {
        guard !answers.isEmpty else { return }
        var themeCounts: [String: Int] = [:]
        var toneCounts: [OpenAnswerTone: Int] = [:]
        for answer in answers {
            for theme in answer.themes { themeCounts[theme, default: 0] += 1 }
            if let tone = answer.tone { toneCounts[tone, default: 0] += 1 }
        }
        section.codedThemes =
            Theme.defaults.compactMap { theme in themeCounts[theme.key].map { .init(label: theme.name.text(language), value: String($0)) } }
            + OpenAnswerTone.allCases.compactMap { tone in toneCounts[tone].map { .init(label: req.t("openAnswers.tone.\(tone.rawValue)"), value: String($0)) }
            }
        section.quotes = Array(answers.map(\.masked).filter { !$0.isEmpty }.prefix(Self.quotesPerQuestion))
        section.hasCoded = true
    }

    /// Open answers not yet reviewed: the open answers counted on arrival (never empty) minus
    /// the reviewed ones, so a million responses are not scanned for their texts.
    private func pendingCount() async throws -> Int {
        guard let sql = req.db as? any SQLDatabase else { return 0 }
        var texts = SQLQueryString("SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS n FROM answer_totals WHERE value = 'text:' AND version_id IN (")
        texts.appendInterpolation(binds: subject.versionIDs)
        texts.appendLiteral(")")
        let answered = try await sql.raw(texts).first()?.decode(column: "n", as: Int.self) ?? 0
        let reviewed = try await OpenAnswerReview.query(on: req.db).filter(\.$questionnaireID == subject.id).filter(\.$reviewedAt != nil).count()
        return max(0, answered - reviewed)
    }

    // MARK: Filters

    private func placeOptions() -> [SelectOption] {
        var options = [
            SelectOption(
                value: "", label: req.t(subject.ownTeams == nil ? "results.place.organisation" : "results.place.ownTeams"), isSelected: filter.place == .all)
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
                    value: regionFilter.parameter, label: req.t("results.place.region", ["name": subject.organisation.regionNames[region] ?? ""]),
                    isSelected: filter.place == regionFilter))
            for team in subject.organisation.teams(in: region) {
                let teamFilter = ResultPlaceFilter.team(team)
                options.append(
                    .init(value: teamFilter.parameter, label: "– " + (subject.organisation.teamNames[team] ?? ""), isSelected: filter.place == teamFilter))
            }
        }
        return options
    }

    /// One select per attribute, with the values that occur (never their counts: a value's mere
    /// presence is no figure).
    private func selects() async throws -> [ResultsPage.FilterSelect] {
        guard let sql = req.db as? any SQLDatabase, !subject.versionIDs.isEmpty else { return [] }
        var selects: [ResultsPage.FilterSelect] = []
        for dimension in ResultDimension.filters {
            var query = SQLQueryString("SELECT DISTINCT \(unsafeRaw: dimension.tallyColumn) AS v FROM response_tallies WHERE version_id IN (")
            query.appendInterpolation(binds: subject.versionIDs)
            query.appendLiteral(") ORDER BY 1")
            let values = try await sql.raw(query).all().map { try $0.decode(column: "v", as: String.self) }
            let chosen = filter.values[dimension]
            var options = [SelectOption(value: "", label: req.t("results.filter.any"), isSelected: chosen == nil)]
            options += values.map { SelectOption(value: $0, label: dimension.label($0, on: req), isSelected: $0 == chosen) }
            if let chosen, !values.contains(chosen) { options.append(.init(value: chosen, label: chosen, isSelected: true)) }
            selects.append(.init(name: dimension.parameter, label: req.t("results.filter.\(dimension.rawValue)"), options: options))
        }
        return selects
    }

    // MARK: Response rates

    private func responseRows(places: [ResultCube.Place]) async throws -> [ResultsPage.ResponseRow] {
        guard let sql = req.db as? any SQLDatabase else { return [] }
        let rows = try await sql.raw(
            """
            SELECT team_id, SUM(CASE WHEN first_mailed_at IS NOT NULL THEN 1 ELSE 0 END) AS invited,
              SUM(CASE WHEN completed = \(bind: true) THEN 1 ELSE 0 END) AS completed
            FROM invitations WHERE questionnaire_id = \(bind: subject.id) GROUP BY team_id
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        var invited: [UUID?: Int] = [:]
        var completed: [UUID?: Int] = [:]
        for row in rows {
            let team = try row.decode(column: "team_id", as: UUID?.self)
            invited[team, default: 0] += try row.decode(column: "invited", as: Int?.self) ?? 0
            completed[team, default: 0] += try row.decode(column: "completed", as: Int?.self) ?? 0
        }
        let computation = subject.computation
        let shownInvited = computation.teamCounts(invited, places: places)
        let shownCompleted = computation.teamCounts(completed, places: places)
        return places.filter { $0 != .noTeam }.map { place in
            let sent = shownInvited[place] ?? nil
            let done = shownCompleted[place] ?? nil
            var rate = ""
            if let sent, let done, sent > 0 { rate = format.percentage(Double(done) / Double(sent) * 100) }
            return .init(
                label: subject.label(of: place, on: req), isTeam: isTeam(place), invited: sent.map(String.init) ?? "–", completed: done.map(String.init) ?? "–",
                rate: rate.isEmpty ? "–" : rate)
        }
    }

    private func isTeam(_ place: ResultCube.Place) -> Bool {
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
                isFew: summary.map { SmallGroupSuppression.isFewResponses($0.count) } ?? false)
        }
    }

    /// People per period (suppressed like every group, with every team's counts), and theme
    /// scores per period from the view's own group only.
    private func periodSection(period: ResultDimension, dimensions: [ResultDimension], chosen: [String], place: ResultCube.Place) async throws
        -> ResultsPage.PeriodSection
    {
        let computation = subject.computation
        let data = try await ResultsData.load(versionIDs: subject.versionIDs, dimensions: dimensions + [period], answers: false, on: req.db)
        let values = Set(data.respondents.keys.compactMap(\.values.last)).sorted()
        let cells = values.map { ResultCube.Cell(place: place, values: (chosen + [$0]).map { Optional($0) }) }
        let respondents = computation.respondents(data: data, cells: cells)
        let themes = themesInUse
        let themeQuestions = subject.questions.filter { question in question.theme.map { key in themes.contains { $0.key == key } } ?? false }
        let tallies = try await ResultsData.periodTallies(
            versionIDs: subject.versionIDs, period: period, teams: computation.teamColumnValues(place),
            filter: dimensions.map { ($0, filter.values[$0] ?? "") }, questionKeys: themeQuestions.map(\.key), on: req.db)
        // Theme scores combine questions; a period's score is shown when the period's group is
        // shown and the score rests on at least the minimum number of answers.
        let minimum = max(subject.minimum, MinimumGroupSize.floor)
        var scores = Array(repeating: [Double?](), count: themes.count)
        let rows = zip(values, respondents).map { value, count in
            var results: [String: QuestionResult] = [:]
            for question in themeQuestions {
                results[question.key] = QuestionResult(question: question, tally: tallies[value]?[question.key] ?? QuestionTally())
            }
            let themeScores = count == nil ? [:] : ThemeScore.scores(questions: subject.questions, results: results)
            let shown: [Double?] = themes.map { theme in
                guard let summary = themeScores[theme.key], summary.count >= minimum else { return nil }
                return summary.mean
            }
            for index in themes.indices { scores[index].append(shown[index]) }
            return ResultsPage.PeriodRow(
                period: period.label(value, on: req), respondents: count.map(String.init) ?? "–",
                scores: shown.map { $0.map { format.decimal($0, digits: 0) } ?? "–" })
        }
        let labels = values.map { period.label($0, on: req) }
        let themeNames = themes.map { $0.name.text(language) }
        let byMonth = period == .month
        return .init(
            heading: req.t(byMonth ? "results.periodsHeading.month" : "results.periodsHeading"),
            column: req.t(byMonth ? "results.column.month" : "results.column.quarter"), themes: themeNames, rows: rows,
            chart: themes.isEmpty || rows.count < 2
                ? nil
                : ResultTrendChart(
                    description: req.t(byMonth ? "results.trend.month" : "results.trend.quarter"), periods: labels, themes: themeNames, scores: scores),
            choices: periodChoices(current: period), hasRows: true)
    }

    /// Only the links to the view over time.
    private func periodChoice() -> ResultsPage.PeriodSection {
        .init(
            heading: req.t("results.periodsHeading.choose"), column: "", themes: [], rows: [], chart: nil, choices: periodChoices(current: nil),
            hasRows: false)
    }

    private func periodChoices(current: ResultDimension?) -> [ResultsPage.PeriodSection.Choice] {
        var base = SiteRoute.questionnaireResults(id: subject.id).path + "?"
        if !filter.queryString.isEmpty { base += filter.queryString + "&" }
        return [
            .init(label: req.t("results.per.quarter"), href: base + "per=kwartaal#periods-heading", isCurrent: current == .quarter),
            .init(label: req.t("results.per.month"), href: base + "per=maand#periods-heading", isCurrent: current == .month),
        ]
    }

    // MARK: Questions

    private func section(_ question: Question, figures: [ResultsComputation.CellFigures]) -> ResultsPage.QuestionSection {
        let text = question.text.text(language)
        let result = figures.first?.results[question.key]
        let themeName = question.theme.flatMap { key in Theme.defaults.first { $0.key == key }?.name.text(language) ?? key }
        let headings = columnHeadings(question)
        let breakdown = figures.dropFirst().isEmpty ? [] : figures.map { figure in breakdownRow(question, figure) }
        guard let result else {
            return .init(
                key: question.key, text: text, theme: themeName, isHidden: true, isFew: false, isText: question.type.isText, respondents: "–",
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
            req.t("results.chart.description", ["question": text, "count": String(result.base)]) + " "
            + chartItems.map { "\($0.label): \($0.valueText)" }.joined(separator: "; ")
        var apart: [String] = []
        if question.allowsDontKnow || result.dontKnow > 0 { apart.append(req.t("results.dontKnow", ["count": String(result.dontKnow)])) }
        if question.allowsNotApplicable || result.notApplicable > 0 { apart.append(req.t("results.notApplicable", ["count": String(result.notApplicable)])) }
        return .init(
            key: question.key, text: text, theme: themeName, isHidden: false, isFew: SmallGroupSuppression.isFewResponses(result.respondents),
            isText: question.type.isText, respondents: String(result.respondents), options: question.type.isText ? [] : options,
            hasOptions: !question.type.isText && !options.isEmpty,
            chart: question.type.isText || chartItems.isEmpty ? nil : ResultChart(id: "chart-\(question.key)", description: description, items: chartItems),
            figures: keyFigures(question, result), apart: apart.isEmpty ? nil : apart.joined(separator: " · "),
            breakdown: breakdown, hasBreakdown: !breakdown.isEmpty, mainHeading: headings.main, positiveHeading: headings.positive)
    }

    private func columnHeadings(_ question: Question) -> (main: String, positive: String) {
        switch question.type {
        case .reportMark: (req.t("results.figure.averageMark"), req.t("results.figure.pass"))
        case .recommendation: (req.t("results.figure.mean"), req.t("results.figure.nps"))
        case .friendsAndFamily: (req.t("results.figure.positive"), req.t("results.figure.negative"))
        case .yesNo: (req.t("results.figure.yes"), "")
        case .singleChoice, .multipleChoice, .shortText, .longText: ("", "")
        default: (req.t("results.figure.mean"), req.t("results.figure.positive"))
        }
    }

    private func breakdownRow(_ question: Question, _ figure: ResultsComputation.CellFigures) -> ResultsPage.BreakdownRow {
        let label = subject.label(of: figure.place, on: req)
        guard let result = figure.results[question.key] else {
            return .init(label: label, isTeam: isTeam(figure.place), respondents: "–", main: "–", positive: "–", isHidden: true, isFew: false)
        }
        let columns = mainAndPositive(question, result)
        return .init(
            label: label, isTeam: isTeam(figure.place), respondents: String(result.respondents), main: columns.main, positive: columns.positive,
            isHidden: false, isFew: SmallGroupSuppression.isFewResponses(result.respondents))
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
                .init(label: req.t("results.figure.averageMarkInterval"), value: format.meanWithInterval(result.summary)),
                .init(label: req.t("results.figure.pass"), value: format.percentage(result.percentPositive)),
            ]
        case .recommendation:
            return [
                .init(label: req.t("results.figure.nps"), value: result.netPromoterScore.map { format.signed($0, digits: 0) } ?? ""),
                .init(label: req.t("results.figure.promoters"), value: format.percentage(result.percentPositive)),
                .init(label: req.t("results.figure.detractors"), value: format.percentage(result.percentNegative)),
                .init(label: req.t("results.figure.meanInterval"), value: format.meanWithInterval(result.summary)),
            ]
        case .friendsAndFamily:
            return [
                .init(label: req.t("results.figure.positive"), value: format.percentage(result.percentPositive)),
                .init(label: req.t("results.figure.negative"), value: format.percentage(result.percentNegative)),
            ]
        case .yesNo:
            return [.init(label: req.t("results.figure.yes"), value: format.percentage(result.percentPositive))]
        case .frequency4, .agree5, .smiley3, .smiley5:
            return [
                .init(label: req.t("results.figure.meanInterval"), value: format.meanWithInterval(result.summary)),
                .init(label: req.t("results.figure.positive"), value: format.percentage(result.percentPositive)),
            ]
        case .singleChoice, .multipleChoice, .shortText, .longText:
            return []
        }
    }

    // MARK: Comparison

    /// What changed since the previous wave, as on the comparison page: for the whole view (the
    /// organisation, or a team manager's own teams), through the same suppression.
    private func changesSection(_ previousID: UUID?) async throws -> ResultsPage.ChangesSection? {
        guard let previousID else { return nil }
        let previous = try await ResultsSubject.load(req, id: previousID)
        let figures = try await WaveComparisonBuilder(req: req, current: subject, previous: previous).figures()
        return .init(
            previousTitle: previous.definition.title.text(language), currentRespondents: figures.currentRespondents,
            previousRespondents: figures.previousRespondents, questions: figures.questions, themes: figures.themes, hasThemes: !figures.themes.isEmpty,
            compareHref: SiteRoute.questionnaireComparison(id: subject.id).path + "?met=" + previousID.uuidString)
    }

    private func compareOptions() async throws -> [SelectOption] {
        let others = try await Questionnaire.query(on: req.db).filter(\.$audience == subject.audience).filter(\.$id != subject.id).with(\.$versions).all()
        return try others.compactMap { other in
            guard let latest = other.versions.max(by: { $0.number < $1.number }) else { return nil }
            return SelectOption(value: try other.requireID().uuidString, label: try latest.definition().title.text(language), isSelected: false)
        }
    }
}
