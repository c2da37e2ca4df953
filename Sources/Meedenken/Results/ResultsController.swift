import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Results for staff: the list of questionnaires, one questionnaire's results with filters and
/// breakdowns, the comparison of two waves, and the exports. Aggregated views need `viewResults`;
/// respondent-level exports need `exportRespondentData` and are audit-logged.
struct ResultsController {
    func register(_ routes: any RoutesBuilder) {
        let access = Access.staff(.viewResults)
        routes.on(.GET, .results, access: access, use: index)
        routes.on(.GET, .questionnaireResults(id: .routePattern), access: access, use: show)
        routes.on(.GET, .questionnaireResultsExport(id: .routePattern), access: access, use: exportAggregate)
        routes.on(.GET, .questionnaireComparison(id: .routePattern), access: access, use: compare)
        routes.on(.GET, .questionnaireResponsesExport(id: .routePattern), access: .staff(.exportRespondentData), use: exportResponses)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let questionnaires = try await Questionnaire.query(on: req.db).with(\.$versions).sort(\.$key).all()
        let rows = try questionnaires.compactMap { questionnaire -> IndexPage.Row? in
            guard let latest = questionnaire.versions.max(by: { $0.number < $1.number }) else { return nil }
            return .init(
                title: try latest.definition().title.text(req.language.rawValue), kind: req.t("questionnaire.kind.\(questionnaire.kind.rawValue)"),
                audience: req.t("questionnaire.audience.\(questionnaire.audience.rawValue)"),
                href: SiteRoute.questionnaireResults(id: try questionnaire.requireID()).path)
        }
        return try await req.render(
            "Results/index", IndexPage(layout: try await req.layout(titleKey: "results.indexTitle"), rows: rows, hasRows: !rows.isEmpty))
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await req.application.resultsRequestLimit.run(for: req.staff?.userID) {
            let subject = try await ResultsSubject.load(req)
            let (filter, problems) = ResultFilter.from(req)
            let page = try await ResultsPageBuilder.page(for: req, subject: subject, filter: filter, problems: problems)
            return try await req.render("Results/results", page)
        }
    }

    @Sendable func exportAggregate(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        let (filter, problems) = ResultFilter.from(req)
        guard problems.isEmpty else { throw UserFacingError(.badRequest, problems[0]) }
        guard let options = ExportOptions(req), [.csv, .json].contains(options.format) else {
            throw UserFacingError(.badRequest, "results.error.unknownFormat")
        }
        let table = try await AggregateTable.build(req: req, subject: subject, filter: filter)
        if options.format == .json { return try req.json(table.document) }
        return AggregateTable.csvResponse(table, separator: options.separator.character, fileName: "\(subject.definition.key)-resultaten.csv")
    }

    @Sendable func compare(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        guard let otherID = req.query[UUID.self, at: SiteQuery.Name.compareWith] else {
            throw UserFacingError(.badRequest, "results.error.chooseComparison")
        }
        let other = try await ResultsSubject.load(req, id: otherID)
        let snapshot = try await subject.snapshotReader(on: req).comparison(subject.questionnaire, with: other.questionnaire, ownTeams: subject.ownTeams)
        let text = ResultsText(req)
        let layout = try await req.layout(titleKey: "comparison.title", titleArguments: ["title": subject.definition.title.text(text.language.rawValue)])
        return try await req.render(
            "Results/comparison", WaveComparison(current: subject, previous: other, snapshot: snapshot, text: text).page(layout: layout))
    }

    @Sendable func exportResponses(req: Request) async throws -> Response {
        let subject = try await ResultsSubject.load(req)
        guard let options = ExportOptions(req), let format = RespondentExport.Format(options.format) else {
            throw UserFacingError(.badRequest, "results.error.unknownFormat")
        }
        try await req.audit(.respondentDataExported, object: ("questionnaire", subject.id.uuidString), detail: format.rawValue)
        return try await RespondentExport.response(req, subject: subject, format: format, separator: options.separator)
    }
}
