import MeedenkenCore
import MeedenkenStore
import Vapor

/// One `/api/v1` operation: the single source for both its registered route and its entry in the
/// OpenAPI document, so the two cannot drift.
struct ApiOperation: Sendable {
    struct Reply: Sendable {
        let status: Int
        let description: String
        let schema: JSONSchema?
    }

    let operationID: String
    let method: HTTPMethod
    let route: SiteRoute
    let scope: ApiScope
    let summary: String
    let requestBody: JSONSchema?
    let replies: [Reply]
    let handler: @Sendable (Request) async throws -> Response
    /// Optional query parameters, checked before the handler runs.
    var queryParameters: [ApiQueryParameter] = []
    /// Replies that are not JSON (file downloads): status, description, media types.
    var fileReplies: [(status: Int, description: String, mediaTypes: [String])] = []
}

/// Every API operation, and their registration.
struct ApiController {
    static var operations: [ApiOperation] {
        QuestionnairesApi.operations + ClosuresApi.operations + WaveInvitationsApi.operations + ResultsApi.operations
    }

    func register(_ routes: any RoutesBuilder) {
        for operation in Self.operations {
            routes.on(operation.method, operation.route, access: .apiClient(operation.scope)) { req in
                try ApiQueryParameter.check(operation.queryParameters, on: req)
                return try await operation.handler(req)
            }
        }
        routes.on(.GET, .openAPIDocument, access: .anyone) { req async throws -> Response in
            let data = try OpenAPIDocument.json(operations: Self.operations, serverURL: req.application.config.publicBaseURL.absoluteString)
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: data))
        }
    }
}

extension Request {
    /// A JSON reply with the given status.
    func json<T: Encodable>(_ value: T, status: HTTPResponseStatus = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(data: try encoder.encode(value)))
    }

    /// The body of an API call, without control characters (`ControlCharacters`), or a problem
    /// when there is none.
    func requireJSONBody() throws -> Data {
        guard let buffer = body.data, buffer.readableBytes > 0 else {
            throw ApiProblem(status: .badRequest, detail: t("api.error.noBody"))
        }
        return Data(ControlCharacters.removed(fromJSON: Array(buffer.readableBytesView)))
    }
}
