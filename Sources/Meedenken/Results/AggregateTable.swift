import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Aggregated results of a view as a table (CSV) and a document (JSON, also the API's answer):
/// the same figures as the page, from the same released classes. A group or question with nothing
/// released has `suppressed` set and no figures.
struct AggregateTable: Sendable {
    typealias OptionFigure = AggregateResults.OptionFigure
    typealias QuestionFigures = AggregateResults.QuestionFigures
    typealias Group = AggregateResults.Group
    typealias Document = AggregateResults.Document

    let document: Document
    let questionTexts: [String: String]

    /// Reads the released counts (the results cache) and builds the table.
    static func build(req: Request, subject: ResultsSubject, filter: ResultFilter) async throws -> AggregateTable {
        try build(subject: subject, data: try await subject.data(on: req), filter: filter, text: ResultsText(req))
    }

    /// The table of released counts: pure.
    static func build(subject: ResultsSubject, data: ResultsData, filter: ResultFilter, text: ResultsText) throws -> AggregateTable {
        let dimensions = filter.activeDimensions
        let hasNoTeam = data.classSizes.keys.contains { $0.place == .noTeam }
        guard let places = subject.places(for: filter.place, hasNoTeamResponses: hasNoTeam) else {
            throw UserFacingError(.badRequest, "results.error.unknownPlace")
        }
        let figures = subject.computation.figures(data: data, questions: subject.questions, filter: filter, places: places)
        let groups = figures.map { figure in
            Group(
                place: placeCode(figure.place), name: subject.label(of: figure.place, text), suppressed: figure.respondents == nil,
                respondents: figure.respondents,
                questions: subject.questions.map { question in
                    guard let result = figure.results[question.key] else {
                        return QuestionFigures(
                            key: question.key, suppressed: true, respondents: nil, dontKnow: nil, notApplicable: nil, mean: nil, confidenceLow: nil,
                            confidenceHigh: nil, percentPositive: nil, percentNegative: nil, netPromoterScore: nil, fewResponses: false, options: [])
                    }
                    return QuestionFigures(
                        key: question.key, suppressed: false, respondents: result.respondents, dontKnow: result.dontKnow,
                        notApplicable: result.notApplicable, mean: result.summary?.mean, confidenceLow: result.summary?.confidenceInterval95?.lowerBound,
                        confidenceHigh: result.summary?.confidenceInterval95?.upperBound, percentPositive: result.percentPositive,
                        percentNegative: result.percentNegative, netPromoterScore: result.netPromoterScore,
                        fewResponses: ResultRelease.isFewResponses(result.respondents),
                        options: question.type.isText ? [] : result.distribution.map { OptionFigure(key: $0.key, count: $0.count, percentage: $0.percentage) })
                })
        }
        var filterValues: [String: String] = [:]
        for dimension in dimensions { filterValues[dimension.rawValue] = filter.values[dimension] }
        if filter.place != .all { filterValues["place"] = filter.place.parameter }
        return AggregateTable(
            document: Document(
                questionnaire: subject.definition.key, minimumGroupSize: max(subject.minimum, MinimumGroupSize.floor), filter: filterValues,
                groups: groups),
            questionTexts: Dictionary(subject.questions.map { ($0.key, $0.text.text(text.language.rawValue)) }, uniquingKeysWith: { a, _ in a }))
    }

    static func placeCode(_ place: ResultPlace) -> String {
        switch place {
        case .organisation: "organisation"
        case .ownTeams: "own_teams"
        case .region(let id): "region:\(id.lowercased())"
        case .team(let id): "team:\(id.lowercased())"
        case .noTeam: "no_team"
        }
    }

    static func csvResponse(_ table: AggregateTable, separator: Character, fileName: String) -> Response {
        let csv = AggregateResults.csv(table.document, questionTexts: table.questionTexts, separator: separator)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(fileName)\"")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }
}
