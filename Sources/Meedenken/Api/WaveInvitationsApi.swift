import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `POST /api/v1/questionnaires/{id}/wave-invitations`: the case system sends a list of current
/// clients for a satisfaction survey wave, each like a closure without its closing day (the same
/// person fields and rules). The browser's upload does the same (`WaveInvitationsController`).
enum WaveInvitationsApi {
    static var operations: [ApiOperation] {
        [
            ApiOperation(
                operationID: "postWaveInvitations", method: .POST, route: .apiWaveInvitations(id: .routePattern), scope: .closuresWrite,
                summary: "Invite current clients to a satisfaction survey wave within its period; nobody is invited twice to one wave",
                requestBody: .reference("WaveInvitationList"),
                replies: [.init(status: 200, description: "Invitations planned; the others counted per reason", schema: .reference("WaveReport"))],
                handler: post)
        ]
    }

    /// At most this many clients per call: a larger list is sent in parts.
    static let maximumClients = 500
    static let fields: Set<String> = ["startsOn", "endsOn", "clients"]

    struct Report: Content {
        let invitationsPlanned: Int
        let skipped: [String: Int]
    }

    @Sendable static func post(req: Request) async throws -> Response {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db),
            questionnaire.kind == .satisfactionWave
        else { throw ApiProblem(status: .notFound, detail: req.t("api.error.noWave")) }
        let body = try req.requireJSONBody()
        guard let root = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            throw ApiProblem(status: .badRequest, detail: req.t("api.error.notJSON"))
        }
        var problems: [ApiProblem.FieldProblem] = []
        func problem(_ pointer: String, _ key: String) { problems.append(.init(pointer: pointer, detail: req.t(key))) }
        for name in root.keys.sorted() where !fields.contains(name) { problem("/\(name)", "closure.error.unknown_field") }
        let today = req.today
        func day(_ name: String) -> CalendarDay? {
            guard let text = root[name] as? String, let day = CalendarDay(text) else {
                problem("/\(name)", "wave.error.date")
                return nil
            }
            return day
        }
        let startsOn = day("startsOn")
        let endsOn = day("endsOn")
        if let startsOn, abs(req.application.calendar.noon(startsOn).timeIntervalSince(req.now)) > 366 * 86_400 { problem("/startsOn", "wave.error.far") }
        if let endsOn, endsOn.description < today {
            problem("/endsOn", "wave.error.ended")
        } else if let startsOn, let endsOn, endsOn < startsOn {
            problem("/endsOn", "wave.error.order")
        }
        var groups: [ClosureIntake.Resolved] = []
        let teams = try await ClosureIntake.teamIndex(on: req.db)
        switch root["clients"] {
        case let list as [Any] where !list.isEmpty && list.count <= maximumClients:
            for (index, item) in list.enumerated() {
                let pointer = "/clients/\(index)"
                guard var client = item as? [String: Any] else {
                    problem(pointer, "closure.error.wrong_type")
                    continue
                }
                // A current client has no closing day; their ages count from today.
                if client["closedOn"] != nil { problem(pointer + "/closedOn", "closure.error.unknown_field") }
                client["closedOn"] = today
                guard let data = try? JSONSerialization.data(withJSONObject: client) else { continue }
                switch ClosureSubmission.parse(json: data, today: today) {
                case .failure(let found):
                    for item in found.problems { problem(pointer + item.pointer, "closure.error.\(item.code.rawValue)") }
                case .success(let submission):
                    if let teamID = teams[submission.team.lowercased()] {
                        groups.append(.init(submission: submission, teamID: teamID))
                    } else {
                        problem(pointer + "/team", "closure.error.unknown_team")
                    }
                }
            }
        case let list as [Any] where list.count > maximumClients: problem("/clients", "api.error.tooManyClients")
        default: problem("/clients", "closure.error.missing")
        }
        guard problems.isEmpty, let startsOn, let endsOn else {
            throw ApiProblem(status: .unprocessableEntity, detail: req.t("api.error.invalidBody"), errors: problems)
        }
        let result = try await WaveIntake(database: req.db, calendar: req.application.calendar).invite(
            groups, to: questionnaire, period: .init(startsOn: startsOn, endsOn: endsOn), now: req.now)
        var skipped: [String: Int] = [:]
        for case .skipped(let reason, _) in result.outcomes.values.joined() { skipped[reason.rawValue, default: 0] += 1 }
        if result.invitationsPlanned > 0 {
            try await req.audit(
                .closuresReceived, object: ("questionnaire", id.uuidString), detail: "api wave: \(result.invitationsPlanned) invitations",
                actor: (nil, "api"))
        }
        return try req.json(Report(invitationsPlanned: result.invitationsPlanned, skipped: skipped))
    }
}
