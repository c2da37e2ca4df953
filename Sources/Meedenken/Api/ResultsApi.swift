import Fluent
import Foundation
import MeedenkenCore
import Vapor

/// Results through the API: the same aggregated, suppressed figures as the results page, and the
/// researcher's respondent-level export (audit-logged with the token's name).
enum ResultsApi {
    static var filterParameters: [(name: String, description: String, values: [String]?)] {
        [("onderdeel", "regio:<id> or team:<id>", nil)]
            + ResultDimension.filters.map { ($0.parameter, "Only respondents with this \($0.rawValue)", nil) }
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
                queryParameters: [("format", "File format", ["csv", "xlsx", "sav"]), ("separator", "CSV separator", ["comma", "semicolon"])],
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
        } catch let error as LocalizedError {
            throw ApiProblem(status: error.status, detail: req.t(error.messageKey))
        }
    }

    @Sendable static func responses(req: Request) async throws -> Response {
        let subject = try await loadSubject(req)
        guard let format = RespondentExport.Format(rawValue: req.query[String.self, at: "format"] ?? "csv") else {
            throw ApiProblem(status: .badRequest, detail: req.t("results.error.unknownFormat"))
        }
        let tokenName =
            try await ApiToken.query(on: req.db).filter(\.$tokenHash == SecureToken.hash(req.headers.bearerAuthorization?.token ?? "")).first()?.name
            ?? "?"
        try await req.audit(
            .respondentDataExported, object: ("questionnaire", subject.id.uuidString), detail: format.rawValue, actor: (nil, "api:\(tokenName)"))
        return try await RespondentExport(
            subject: subject, data: try await subject.data(on: req), database: req.db, language: req.language, localizer: req.application.localizer
        )
        .response(format: format, csvSeparator: req.query[String.self, at: "separator"] == "comma" ? "," : ";")
    }

    private static func loadSubject(_ req: Request) async throws -> ResultsSubject {
        do {
            return try await ResultsSubject.load(req)
        } catch is LocalizedError {
            throw ApiProblem(status: .notFound, detail: req.t("api.error.notFound"))
        }
    }
}
