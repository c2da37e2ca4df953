import Foundation
import MeedenkenCore
import MeedenkenStore

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
            let queryParameters = operation.queryParameters.map(\.openAPI)
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
            for reply in problemReplies(for: operation) {
                var response: [String: Any] = [
                    "description": reply.description,
                    "content": ["application/problem+json": ["schema": JSONSchema.reference("Problem").json]],
                ]
                if !reply.headers.isEmpty {
                    response["headers"] = Dictionary(
                        uniqueKeysWithValues: reply.headers.map { ($0.name, ["required": true, "description": $0.description, "schema": ["type": "string"]]) })
                }
                responses[String(reply.status)] = response
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

    /// A problem reply: its status, what it means, and the headers it always has.
    struct ProblemReply {
        let status: Int
        let description: String
        var headers: [(name: String, description: String)] = []
    }

    /// Every problem the server can answer an operation with (never 500: that is a bug).
    static func problemReplies(for operation: ApiOperation) -> [ProblemReply] {
        var badRequest: [String] = []
        var replies = [
            ProblemReply(
                status: 401, description: "No valid bearer token", headers: [("WWW-Authenticate", "Bearer, with error=\"invalid_token\" for an unknown one")]),
            ProblemReply(status: 403, description: "The token lacks the scope", headers: [("WWW-Authenticate", "Bearer error=\"insufficient_scope\"")]),
        ]
        if operation.requestBody != nil {
            badRequest.append("the body is missing or not JSON")
            replies += [
                ProblemReply(status: 413, description: "The body is larger than the server accepts"),
                ProblemReply(
                    status: 422,
                    description: "The body has problems, each with a JSON pointer (also those the schema cannot express, such as an unknown team)"),
            ]
        }
        if operation.route.segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            replies.append(ProblemReply(status: 404, description: "No such questionnaire (or no such region or team in a filter)"))
        }
        if !operation.queryParameters.isEmpty { badRequest.append("a query parameter has a value that is not allowed") }
        if !badRequest.isEmpty { replies.append(ProblemReply(status: 400, description: badRequest.joined(separator: "; ").capitalisedFirst)) }
        if operation.scope == .resultsRead || operation.scope == .responsesExport {
            replies.append(
                ProblemReply(
                    status: 429, description: "Too many results are being computed at once; try again after Retry-After seconds",
                    headers: [("Retry-After", "Seconds to wait")]))
        }
        replies.append(
            ProblemReply(
                status: 503, description: "The database cannot be reached right now; try again after Retry-After seconds",
                headers: [("Retry-After", "Seconds to wait")]))
        return replies.sorted { $0.status < $1.status }
    }
}

extension String {
    fileprivate var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
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
        "ClosureSubmission": .object(
            properties: [
                (
                    "reference",
                    .string(
                        description: "The case system's trajectory reference; sending it again creates nothing new",
                        maxLength: ClosureSubmission.maximumReferenceLength, pattern: JSONSchema.notBlank)
                ),
                (
                    "team",
                    .string(
                        description: "The team's name in Meedenken, or its id (an unknown team is refused with 422)",
                        maxLength: ClosureSubmission.maximumTeamLength, pattern: JSONSchema.notBlank)
                ),
                ("closedOn", .string(format: "date", description: "The closing day, YYYY-MM-DD; not in the future (refused with 422)")),
                ("people", .array(.reference("ClosurePerson"), minItems: 1, maxItems: ClosureSubmission.maximumPeople)),
            ], required: ["reference", "team", "closedOn", "people"], closed: true),
        "ClosurePerson": .object(
            properties: [
                ("role", .string(enumeration: ClosureSubmission.Person.Role.allCases.map(\.rawValue))),
                (
                    "email",
                    .string(
                        description:
                            "E-mail address; required (422 when missing) unless the role is child, doNotContact is true, or a youth is under 12",
                        nullable: true)
                ),
                ("language", .string(enumeration: Language.allCases.map(\.rawValue), description: "Default nl", nullable: true)),
                (
                    "birthYear",
                    .integer(description: "Required for youths and children; not after the closing year (422)", minimum: 1900, nullable: true)
                ),
                ("doNotContact", .boolean(description: "Never contact this person (e.g. a secret address)", nullable: true)),
            ], required: ["role"], closed: true),
        "WaveInvitationList": .object(
            properties: [
                ("startsOn", .string(format: "date", description: "The wave's first day; within a year of today (422)")),
                ("endsOn", .string(format: "date", description: "The wave's last day; not before the first day, not passed (422)")),
                ("clients", .array(.reference("WaveClient"), minItems: 1, maxItems: WaveInvitationsApi.maximumClients)),
            ], required: ["startsOn", "endsOn", "clients"], closed: true),
        "WaveClient": .object(
            properties: [
                (
                    "reference",
                    .string(
                        description: "The case system's client or trajectory reference", maxLength: ClosureSubmission.maximumReferenceLength,
                        pattern: JSONSchema.notBlank)
                ),
                (
                    "team",
                    .string(
                        description: "The team's name in Meedenken, or its id (an unknown team is refused with 422)",
                        maxLength: ClosureSubmission.maximumTeamLength, pattern: JSONSchema.notBlank)
                ),
                ("people", .array(.reference("ClosurePerson"), minItems: 1, maxItems: ClosureSubmission.maximumPeople)),
            ], required: ["reference", "team", "people"], closed: true),
        "WaveReport": .object(
            properties: [
                ("invitationsPlanned", .integer()), ("skipped", .object(properties: [], required: [], additional: .integer())),
            ], required: ["invitationsPlanned", "skipped"]),
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
                                        .object(
                                            properties: [], required: [],
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
    ].merging(QuestionnaireSchemas.components) { $1 }
}
