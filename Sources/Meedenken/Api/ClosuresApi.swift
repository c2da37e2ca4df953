import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `POST /api/v1/trajectory-closures`: the case system reports a closed trajectory; Meedenken
/// plans the invitations. Sending the same closure again creates nothing new (200 instead of 201).
enum ClosuresApi {
    static var operations: [ApiOperation] {
        [
            ApiOperation(
                operationID: "postTrajectoryClosure", method: .POST, route: .apiTrajectoryClosures, scope: .closuresWrite,
                summary: "Report a closed trajectory; invitations follow after the configured number of days",
                requestBody: .reference("ClosureSubmission"),
                replies: [
                    .init(status: 201, description: "Received; invitations planned", schema: .reference("ClosureReport")),
                    .init(status: 200, description: "Received before; nothing new", schema: .reference("ClosureReport")),
                ], handler: post)
        ]
    }

    @Sendable static func post(req: Request) async throws -> Response {
        let body = try req.requireJSONBody()
        let today = req.today
        let submission: ClosureSubmission
        switch ClosureSubmission.parse(json: body, today: today) {
        case .failure(let problems):
            let notJSON = problems.problems.first?.code == .notJSON
            throw ApiProblem(
                status: notJSON ? .badRequest : .unprocessableEntity, detail: req.t(notJSON ? "api.error.notJSON" : "api.error.invalidBody"),
                errors: notJSON ? [] : problems.problems.map { .init(pointer: $0.pointer, detail: req.t("closure.error.\($0.code.rawValue)")) })
        case .success(let parsed): submission = parsed
        }
        let teams = try await ClosureIntake.teamIndex(on: req.db)
        guard let teamID = teams[submission.team.lowercased()] else {
            throw ApiProblem(
                status: .unprocessableEntity, detail: req.t("api.error.invalidBody"),
                errors: [.init(pointer: "/team", detail: req.t("closure.error.unknown_team"))])
        }
        let intake = ClosureIntake(database: req.db, config: req.application.config)
        let reports = try await intake.record([.init(submission: submission, teamID: teamID)], source: "api", now: req.now)
        guard let report = reports.first else { throw ApiProblem(status: .internalServerError, detail: req.t("error.message.500")) }
        if report.status == "created" {
            try await req.audit(.closuresReceived, object: ("trajectory_closure", submission.reference), detail: "api", actor: (nil, "api"))
        }
        return try req.json(report, status: report.status == "created" ? .created : .ok)
    }
}
