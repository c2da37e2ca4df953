import Foundation
import MeedenkenCore

/// Writes the OpenAPI 3.1 document from the operations themselves.
enum OpenAPIDocument {
    static func json(operations: [ApiOperation], serverURL: String) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for operation in operations {
            var entry: [String: Any] = [
                "operationId": operation.operationID,
                "summary": operation.summary,
                "security": [["bearer": [operation.scope.rawValue]]],
            ]
            let parameters = operation.route.segments.compactMap { segment -> [String: Any]? in
                guard case .parameter(let name, _) = segment else { return nil }
                return ["name": name, "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]]
            }
            let queryParameters = operation.queryParameters.map { parameter -> [String: Any] in
                var schema: [String: Any] = ["type": "string"]
                if let values = parameter.values { schema["enum"] = values }
                return ["name": parameter.name, "in": "query", "required": false, "description": parameter.description, "schema": schema]
            }
            if !(parameters + queryParameters).isEmpty { entry["parameters"] = parameters + queryParameters }
            if let body = operation.requestBody {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": body.json]]]
            }
            var responses: [String: Any] = [:]
            for reply in operation.replies {
                var response: [String: Any] = ["description": reply.description]
                if let schema = reply.schema { response["content"] = ["application/json": ["schema": schema.json]] }
                responses[String(reply.status)] = response
            }
            for reply in operation.fileReplies {
                var content: [String: Any] = [:]
                for type in reply.mediaTypes { content[type] = ["schema": ["type": "string", "format": "binary"]] }
                responses[String(reply.status)] = ["description": reply.description, "content": content]
            }
            for (status, description) in problemReplies(for: operation) {
                responses[String(status)] = [
                    "description": description,
                    "content": ["application/problem+json": ["schema": JSONSchema.reference("Problem").json]],
                ]
            }
            entry["responses"] = responses
            paths[operation.route.openAPIPath, default: [:]][operation.method.rawValue.lowercased()] = entry
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "Meedenken API",
                "version": "1",
                "description":
                    "Trajectory closures from the case system, questionnaires and invitation statistics. "
                    + "Authenticate with a bearer token made by an administrator; each operation needs one scope. "
                    + "Errors are RFC 9457 problem documents.",
            ],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": ApiSchemas.components.mapValues(\.json),
            ],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// The problem replies every operation can give, and those of bodies and ids.
    static func problemReplies(for operation: ApiOperation) -> [(Int, String)] {
        var replies = [(401, "No valid bearer token"), (403, "The token lacks the scope")]
        if operation.requestBody != nil {
            replies += [(400, "The body is not JSON"), (422, "The body has problems, each with a JSON pointer")]
        }
        if operation.route.segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            replies.append((404, "No such questionnaire"))
        }
        if !operation.queryParameters.isEmpty { replies.append((400, "A query parameter has a value that is not allowed")) }
        replies.append((503, "The database cannot be reached right now; try again after Retry-After seconds"))
        return replies
    }
}

/// The named schemas of the API.
enum ApiSchemas {
    static let counts = JSONSchema.object(
        properties: [
            ("scheduled", .integer(description: "Planned, not yet mailed")), ("invited", .integer(description: "Invitation mailed")),
            ("reminded", .integer()),
            ("opened", .integer(description: "Rounded down to a multiple of the minimum group size")),
            ("completed", .integer(description: "Rounded down to a multiple of the minimum group size")), ("unsubscribed", .integer()),
            ("bounced", .integer()),
        ],
        required: ["scheduled", "invited", "reminded", "opened", "completed", "unsubscribed", "bounced"])

    static let components: [String: JSONSchema] = [
        "Problem": .object(
            properties: [
                ("type", .string()), ("title", .string()), ("status", .integer()), ("detail", .string()),
                (
                    "errors",
                    .array(
                        .object(
                            properties: [("pointer", .string(description: "RFC 6901 JSON pointer")), ("detail", .string())], required: ["pointer", "detail"]))
                ),
            ], required: ["type", "title", "status", "detail"], description: "RFC 9457 problem document"),
        "QuestionnaireSummary": .object(
            properties: [
                ("id", .string(format: "uuid")), ("key", .string()),
                ("kind", .string(enumeration: QuestionnaireDefinition.Kind.allCases.map(\.rawValue))),
                ("audience", .string(enumeration: QuestionnaireDefinition.Audience.allCases.map(\.rawValue))),
                ("anonymous", .boolean()), ("isOpen", .boolean()), ("version", .integer()), ("title", .string()),
                ("openLink", .string(format: "uri", description: "The open link (poster, tablet); works while the questionnaire is open")),
            ], required: ["id", "key", "kind", "audience", "anonymous", "isOpen", "version", "title", "openLink"]),
        "QuestionnaireDocument": .anyObject(description: "A questionnaire as a JSON document: see docs/questionnaire-schema.md"),
        "ClosureSubmission": .object(
            properties: [
                ("reference", .string(description: "The case system's trajectory reference; sending it again creates nothing new")),
                ("team", .string(description: "The team's name in Meedenken, or its id")),
                ("closedOn", .string(format: "date")),
                (
                    "people",
                    .array(
                        .object(
                            properties: [
                                ("role", .string(enumeration: ClosureSubmission.Person.Role.allCases.map(\.rawValue))),
                                ("email", .string(format: "email")), ("language", .string(enumeration: Language.allCases.map(\.rawValue))),
                                ("birthYear", .integer(description: "Required for youths and children")),
                                ("doNotContact", .boolean(description: "Never contact this person (e.g. a secret address)")),
                            ], required: ["role"]))
                ),
            ], required: ["reference", "team", "closedOn", "people"]),
        "ClosureReport": .object(
            properties: [
                ("status", .string(enumeration: ["created", "already_received"])), ("reference", .string()),
                ("invitationsPlanned", .integer()), ("skipped", .object(properties: [], required: [], additional: .integer())),
            ], required: ["status", "reference", "invitationsPlanned", "skipped"]),
        "AggregateResults": .object(
            properties: [
                ("questionnaire", .string()), ("minimumGroupSize", .integer()),
                ("filter", .object(properties: [], required: [], additional: .string())),
                (
                    "groups",
                    .array(
                        .object(
                            properties: [
                                ("place", .string(description: "organisation, own_teams, region:<id>, team:<id> or no_team")), ("name", .string()),
                                ("suppressed", .boolean(description: "Too small, or derivable from other figures: no figures given")),
                                ("respondents", .integer()),
                                (
                                    "questions",
                                    .array(
                                        .anyObject(
                                            description:
                                                "Per question: respondents, dontKnow, notApplicable, mean, confidenceLow, confidenceHigh, percentPositive, percentNegative, netPromoterScore, fewResponses, suppressed, options (key, count, percentage)"
                                        ))
                                ),
                            ], required: ["place", "name", "suppressed", "questions"]))
                ),
            ], required: ["questionnaire", "minimumGroupSize", "filter", "groups"]),
        "InvitationStatistics": .object(
            properties: [
                ("questionnaireId", .string(format: "uuid")),
                ("teams", .array(.object(properties: [("team", .string()), ("counts", counts)], required: ["team", "counts"]))),
                ("total", counts),
            ], required: ["questionnaireId", "teams", "total"]),
    ]
}
