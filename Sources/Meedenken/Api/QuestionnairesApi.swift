import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Questionnaires through the API: list, read and create from the JSON document, open and close.
enum QuestionnairesApi {
    struct Summary: Content {
        let id: UUID
        let key: String
        let kind: String
        let audience: String
        let anonymous: Bool
        let isOpen: Bool
        let version: Int
        let title: String
        /// The open link for posters and waiting-room tablets (it only works while open).
        let openLink: String
    }

    static var operations: [ApiOperation] {
        [
            ApiOperation(
                operationID: "listQuestionnaires", method: .GET, route: .apiQuestionnaires, scope: .questionnairesRead,
                summary: "All questionnaires with their latest version", requestBody: nil,
                replies: [.init(status: 200, description: "The questionnaires", schema: .array(.reference("QuestionnaireSummary")))],
                handler: list),
            ApiOperation(
                operationID: "createQuestionnaire", method: .POST, route: .apiQuestionnaires, scope: .questionnairesWrite,
                summary: "Create a questionnaire (or a new version of one with the same key) from its JSON document",
                requestBody: .reference("QuestionnaireDocument"),
                replies: [.init(status: 201, description: "Stored", schema: .reference("QuestionnaireSummary"))], handler: create),
            ApiOperation(
                operationID: "getQuestionnaire", method: .GET, route: .apiQuestionnaire(id: .routePattern), scope: .questionnairesRead,
                summary: "The latest version as a JSON document", requestBody: nil,
                replies: [.init(status: 200, description: "The document", schema: .reference("StoredQuestionnaireDocument"))], handler: get),
            ApiOperation(
                operationID: "openQuestionnaire", method: .POST, route: .apiQuestionnaireOpen(id: .routePattern),
                scope: .questionnairesWrite, summary: "Open for answers and invitations", requestBody: nil,
                replies: [.init(status: 200, description: "Opened", schema: .reference("QuestionnaireSummary"))],
                handler: { try await setOpen($0, true) }),
            ApiOperation(
                operationID: "closeQuestionnaire", method: .POST, route: .apiQuestionnaireClose(id: .routePattern),
                scope: .questionnairesWrite, summary: "Close: no new answers, no invitations or reminders", requestBody: nil,
                replies: [.init(status: 200, description: "Closed", schema: .reference("QuestionnaireSummary"))],
                handler: { try await setOpen($0, false) }),
            ApiOperation(
                operationID: "getInvitationStatistics", method: .GET, route: .apiInvitationStatistics(id: .routePattern),
                scope: .statisticsRead, summary: "Invited, reminded, opened, completed, unsubscribed and bounced, per team",
                requestBody: nil,
                replies: [.init(status: 200, description: "Counts per team", schema: .reference("InvitationStatistics"))],
                handler: statistics),
        ]
    }

    @Sendable static func list(req: Request) async throws -> Response {
        // Two queries in all: the questionnaires, and every version (the newest per questionnaire wins).
        var latest: [UUID: QuestionnaireVersion] = [:]
        for version in try await QuestionnaireVersion.query(on: req.db).sort(\.$number).all() {
            latest[version.$questionnaire.id] = version
        }
        let summaries = try await Questionnaire.query(on: req.db).sort(\.$key).all().map { questionnaire in
            summary(questionnaire, version: latest[try questionnaire.requireID()], base: req.baseURL)
        }
        return try req.json(summaries)
    }

    @Sendable static func get(req: Request) async throws -> Response {
        let questionnaire = try await find(req)
        guard let version = try await QuestionnaireStore.latestVersion(of: try questionnaire.requireID(), on: req.db) else {
            throw ApiProblem(status: .notFound, detail: req.t("api.error.notFound"))
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(string: version.definitionJSON))
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let body = try req.requireJSONBody()
        let validator = DefinitionValidator(themes: Set(Theme.defaults.map(\.key)))
        switch validator.validate(json: body) {
        case .failure(let problems):
            throw ApiProblem(
                status: problems.problems.first?.code == .notJSON ? .badRequest : .unprocessableEntity, detail: req.t("api.error.invalidBody"),
                errors: problems.problems.map { problem in
                    .init(
                        pointer: problem.pointer,
                        detail: req.t("definition.error.\(problem.code.rawValue)") + (problem.detail.map { " (\($0))" } ?? ""))
                })
        case .success(let definition):
            let stored = try await QuestionnaireStore(database: req.db).save(definition, now: req.now)
            return try req.json(try await summary(stored.questionnaire, on: req.db, base: req.baseURL), status: .created)
        }
    }

    static func setOpen(_ req: Request, _ open: Bool) async throws -> Response {
        let questionnaire = try await find(req)
        questionnaire.isOpen = open
        try await questionnaire.save(on: req.db)
        try await req.audit(open ? .questionnaireOpened : .questionnaireClosed, object: ("questionnaire", try questionnaire.requireID().uuidString))
        return try req.json(try await summary(questionnaire, on: req.db, base: req.baseURL))
    }

    @Sendable static func statistics(req: Request) async throws -> Response {
        let questionnaire = try await find(req)
        return try req.json(
            try await InvitationStatistics.compute(
                questionnaireID: try questionnaire.requireID(), minimum: try await req.organisation().minimumGroupSize, on: req.db))
    }

    static func find(_ req: Request) async throws -> Questionnaire {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db) else {
            throw ApiProblem(status: .notFound, detail: req.t("api.error.notFound"))
        }
        return questionnaire
    }

    static func summary(_ questionnaire: Questionnaire, on database: any Database, base: String) async throws -> Summary {
        summary(questionnaire, version: try await QuestionnaireStore.latestVersion(of: try questionnaire.requireID(), on: database), base: base)
    }

    static func summary(_ questionnaire: Questionnaire, version: QuestionnaireVersion?, base: String) -> Summary {
        Summary(
            id: questionnaire.id ?? UUID(), key: questionnaire.key, kind: questionnaire.kind.rawValue, audience: questionnaire.audience.rawValue,
            anonymous: questionnaire.anonymous, isOpen: questionnaire.isOpen, version: version?.number ?? 0,
            title: (try? version?.definition().title.text("nl")) ?? questionnaire.key,
            openLink: base + SiteRoute.answerStart(link: questionnaire.openLinkKey).path)
    }
}

extension Request {
    /// The public address links are made from.
    var baseURL: String { application.config.publicBaseURL.absoluteString }
}
