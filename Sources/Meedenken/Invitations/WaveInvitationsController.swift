import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Inviting current clients to a satisfaction survey wave from a CSV, in the browser: the wave's
/// period, then a report per line like the closures' import.
struct WaveInvitationsController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .waveInvitations(id: .routePattern), access: .staff(.coordinateParticipation), use: show)
        routes.on(
            .POST, .waveInvitations(id: .routePattern), access: .staff(.coordinateParticipation), staleForm: .reshow,
            body: .collect(maxSize: "10mb"), use: upload)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let questionnaire = try await wave(req)
        return try await page(
            req, questionnaire, form: WaveForm(van: questionnaire.waveStartsOn, tot: questionnaire.waveEndsOn), errors: FormErrors(), report: nil)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let questionnaire = try await wave(req)
        let form = try req.form(WaveForm.self)
        var errors = req.staleFormErrors()
        let today = req.today
        let startsOn = CalendarDay(form.van.trimmed)
        let endsOn = CalendarDay(form.tot.trimmed)
        if !errors.hasErrors {
            if startsOn == nil {
                errors.add("van", req.t("wave.error.date"))
            } else if let startsOn, abs(req.application.calendar.noon(startsOn).timeIntervalSince(req.now)) > 366 * 86_400 {
                // Ages count from the wave's first day: a year far off would make everyone too young or old.
                errors.add("van", req.t("wave.error.far"))
            }
            if endsOn == nil {
                errors.add("tot", req.t("wave.error.date"))
            } else if let endsOn, endsOn.description < today {
                errors.add("tot", req.t("wave.error.ended"))
            } else if let startsOn, let endsOn, endsOn < startsOn {
                errors.add("tot", req.t("wave.error.order"))
            }
        }
        var text = form.inhoud ?? ""
        if let file = form.bestand, file.data.readableBytes > 0 {
            if let content = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) {
                text = content
            } else {
                errors.add("bestand", req.t("closureImport.error.encoding"))
            }
        }
        if !errors.hasErrors, text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add("bestand", req.t("closureImport.error.empty")) }
        let parsed = ClosureCSV(table: CSVTable(text: text), today: today, currentClients: true)
        for problem in parsed.fileProblems where !errors.hasErrors {
            errors.add("bestand", req.t("closure.error.\(problem.code.rawValue)") + (problem.pointer.isEmpty ? "" : " (\(problem.pointer))"))
        }
        guard !errors.hasErrors, let startsOn, let endsOn else {
            return try await page(req, questionnaire, form: form, errors: errors, report: nil, status: .unprocessableEntity)
        }
        let teams = try await ClosureIntake.teamIndex(on: req.db)
        var accepted: [ClosureIntake.Resolved] = []
        var lines: [String: [Int]] = [:]
        var rows: [ClosureImportPage.Row] = []
        for group in parsed.groups {
            if let submission = group.submission, let teamID = teams[submission.team.lowercased()] {
                accepted.append(.init(submission: submission, teamID: teamID))
                lines[submission.reference] = group.lines
                continue
            }
            for line in group.lines {
                let problems = group.submission != nil ? [ClosureProblem("team", .unknownTeam)] : group.problems[line] ?? []
                rows.append(
                    .init(
                        line: line, reference: group.reference, isImported: false,
                        message: problems.map { req.t("closure.error.\($0.code.rawValue)") + ($0.pointer.isEmpty ? "" : " (\($0.pointer))") }
                            .joined(separator: "; ")))
            }
        }
        let result = try await WaveIntake(database: req.db, calendar: req.application.calendar).invite(
            accepted, to: questionnaire, period: .init(startsOn: startsOn, endsOn: endsOn), now: req.now)
        var skipped = 0
        for (reference, outcomes) in result.outcomes {
            for (line, outcome) in zip(lines[reference] ?? [], outcomes) {
                if case .skipped = outcome { skipped += 1 }
                rows.append(.init(line: line, reference: reference, isImported: true, message: ClosureImportController.message(for: outcome, req)))
            }
        }
        if result.invitationsPlanned > 0 {
            try await req.audit(
                .closuresReceived, object: ("questionnaire", try questionnaire.requireID().uuidString),
                detail: "wave: \(result.invitationsPlanned) invitations")
        }
        let rejected = rows.filter { !$0.isImported }.count
        let summary = [
            req.t("closureImport.summary.invitations", ["count": "\(result.invitationsPlanned)"]),
            req.t("wave.summary.skipped", ["count": "\(skipped)"]),
            req.t("closureImport.summary.rejected", ["count": "\(rejected)"]),
        ].joined(separator: " ")
        return try await page(
            req, questionnaire, form: WaveForm(van: startsOn.description, tot: endsOn.description), errors: errors,
            report: (summary, rows.sorted { $0.line < $1.line }))
    }

    /// The questionnaire of the path, when it is a satisfaction survey wave.
    private func wave(_ req: Request) async throws -> Questionnaire {
        guard let id = req.parameters.get("questionnaireID", as: UUID.self), let questionnaire = try await Questionnaire.find(id, on: req.db),
            questionnaire.kind == .satisfactionWave
        else { throw UserFacingError(.notFound, "error.message.404") }
        return questionnaire
    }

    private func page(
        _ req: Request, _ questionnaire: Questionnaire, form: WaveForm, errors: FormErrors,
        report: (summary: String, rows: [ClosureImportPage.Row])?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let id = try questionnaire.requireID()
        let title = try await QuestionnaireStore.latestVersion(of: id, on: req.db)?.definition().title.text(req.language.rawValue) ?? questionnaire.key
        let context = WavePage(
            layout: try await req.layout(titleKey: "wave.title", titleArguments: ["title": title]), title: title,
            formAction: SiteRoute.waveInvitations(id: id).path, statisticsHref: SiteRoute.questionnaireInvitations(id: id).path,
            columns: ClosureCSV.Column.allCases.filter { $0 != .closedOn }.map { $0.headerNames[0] }.joined(separator: ";"),
            startsOn: form.van.trimmed, endsOn: form.tot.trimmed, pasted: report == nil ? form.inhoud ?? "" : "",
            isClosed: !questionnaire.isOpen, errors: errors, hasReport: report != nil, summary: report?.summary ?? "", rows: report?.rows ?? [])
        return try await req.render("Invitations/wave", context, status: status)
    }
}
