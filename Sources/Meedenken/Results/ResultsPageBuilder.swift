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
    /// The organisation's calendar: which months have closed.
    let calendar: OrganisationCalendar
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

    func exportHref(_ options: ExportOptions) -> String {
        SiteRoute.questionnaireResultsExport(id: subject.id).path(options.queryItems + filter.queryItems)
    }

    // MARK: Open answers

    static let quotesPerQuestion = 3

    func addOpenAnswers(_ section: inout ResultsPage.QuestionSection, _ answers: [ReviewedOpenAnswer]) {
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
}
