import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Results through the API: the same aggregated, suppressed figures as the results page, and the
/// researcher's respondent-level export (audit-logged with the token's name).
enum ResultsApi {
    static var filterParameters: [ApiQueryParameter] {
        [.init(name: SiteQuery.Name.place, description: "Only one region or team: regio:<id> or team:<id>", values: ResultPlaceFilter.parameterValues)]
            + ResultDimension.filters.map { .init(name: $0.parameter, description: "Only respondents with this \($0.rawValue)", values: $0.filterValues) }
    }

    static var operations: [ApiOperation] {
        [
            ApiOperation(
                operationID: "getResults", method: .GET, route: .apiQuestionnaireResults(id: .routePattern), scope: .resultsRead,
                summary: "Aggregated results per group, with small groups and derivable ones suppressed", requestBody: nil,
                replies: [.init(status: 200, description: "The results", schema: .reference("AggregateResults"))], handler: results,
                queryParameters: filterParameters),
            ApiOperation(
                operationID: "exportResponses", method: .GET, route: .apiQuestionnaireResponses(id: .routePattern), scope: .responsesExport,
                summary: "One row per response (CSV, XLSX or SPSS .sav), without open answers; audit-logged", requestBody: nil, replies: [],
                handler: responses,
                queryParameters: [
                    .init(name: ExportOptions.Name.format, description: "File format (default csv)", values: .cases(of: RespondentExport.Format.self)),
                    .init(
                        name: ExportOptions.Name.separator, description: "CSV separator (default semicolon)", values: .cases(of: ExportOptions.Separator.self)
                    ),
                ],
                fileReplies: [
                    (
                        200, "The file",
                        [RespondentExport.Format.csv.contentType, RespondentExport.Format.xlsx.contentType, RespondentExport.Format.sav.contentType]
                    )
                ]),
        ]
    }

    @Sendable static func results(req: Request) async throws -> Response {
        let subject = try await loadSubject(req)
        let (filter, problems) = ResultFilter.from(req)
        guard problems.isEmpty else { throw ApiProblem(status: .badRequest, detail: req.t(problems[0])) }
        do {
            return try req.json(try await AggregateTable.build(req: req, subject: subject, filter: filter).document)
        } catch let error as UserFacingError {
            // A well-formed region or team id that names nothing is not found, like a questionnaire.
            let status: HTTPResponseStatus = error.messageKey == "results.error.unknownPlace" ? .notFound : error.status
            throw ApiProblem(status: status, detail: req.t(error.messageKey), headers: error.headers)
        }
    }

    @Sendable static func responses(req: Request) async throws -> Response {
        let subject = try await loadSubject(req)
        guard let options = ExportOptions(req), let format = RespondentExport.Format(options.format) else {
            throw ApiProblem(status: .badRequest, detail: req.t("results.error.unknownFormat"))
        }
        let tokenName =
            try await ApiToken.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(req.headers.bearerAuthorization?.token ?? "")).first()?.name
            ?? "?"
        try await req.audit(
            .respondentDataExported, object: ("questionnaire", subject.id.uuidString), detail: format.rawValue, actor: (nil, "api:\(tokenName)"))
        return try await RespondentExport.response(req, subject: subject, format: format, separator: options.separator)
    }

    private static func loadSubject(_ req: Request) async throws -> ResultsSubject {
        do {
            return try await ResultsSubject.load(req)
        } catch is UserFacingError {
            throw ApiProblem(status: .notFound, detail: req.t("api.error.notFound"))
        }
    }
}
