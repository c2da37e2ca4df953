import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// Uploading a CSV of trajectory closures in the browser: a report per row afterwards.
struct ClosureImportController {
    func register(_ routes: any RoutesBuilder) {
        routes.on(.GET, .closureImport, access: .staff(.coordinateParticipation), use: show)
        routes.on(
            .POST, .closureImport, access: .staff(.coordinateParticipation), staleForm: .reshow, body: .collect(maxSize: "10mb"),
            use: upload)
    }

    @Sendable func show(req: Request) async throws -> Response {
        try await page(req, pasted: "", errors: FormErrors(), result: nil)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let form = try req.form(ClosureImportForm.self)
        var errors = req.staleFormErrors()
        var text = form.inhoud ?? ""
        if let file = form.bestand, file.data.readableBytes > 0 {
            guard let content = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes, encoding: .utf8) else {
                errors.add("bestand", req.t("closureImport.error.encoding"))
                return try await page(req, pasted: form.inhoud ?? "", errors: errors, result: nil, status: .unprocessableEntity)
            }
            text = content
        }
        if errors.hasErrors { return try await page(req, pasted: form.inhoud ?? "", errors: errors, result: nil) }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.add("bestand", req.t("closureImport.error.empty"))
            return try await page(req, pasted: "", errors: errors, result: nil, status: .unprocessableEntity)
        }
        let result = try await ClosureCSVImport(database: req.db, config: req.application.config).run(csv: text, now: req.now)
        if !result.fileProblems.isEmpty {
            for problem in result.fileProblems {
                errors.add("bestand", req.t("closure.error.\(problem.code.rawValue)") + (problem.pointer.isEmpty ? "" : " (\(problem.pointer))"))
            }
            return try await page(req, pasted: form.inhoud ?? "", errors: errors, result: nil, status: .unprocessableEntity)
        }
        if result.closuresCreated > 0 {
            try await req.audit(.closuresReceived, detail: "csv: \(result.closuresCreated) closures, \(result.invitationsPlanned) invitations")
        }
        return try await page(req, pasted: "", errors: errors, result: result)
    }

    /// One line of the report about one person: invited to what, or why not.
    static func message(for outcome: ClosureIntake.PersonOutcome, _ req: Request) -> String {
        switch outcome {
        case .invited(let audience):
            req.t("closureImport.person.invited", ["audience": req.t("questionnaire.audience.\(audience.rawValue)")])
        case .invitedThroughAdult(let adult):
            req.t("closureImport.person.throughAdult.\(adult.rawValue)")
        case .skipped(.noQuestionnaire, let audience):
            req.t("closureImport.person.skipped.no_questionnaire", ["audience": req.t("questionnaire.audience.\(audience?.rawValue ?? "parent")")])
        case .skipped(let reason, _):
            req.t("closureImport.person.skipped.\(reason.rawValue)")
        }
    }

    private func page(
        _ req: Request, pasted: String, errors: FormErrors, result: ClosureCSVImport.Result?, status: HTTPResponseStatus = .ok
    ) async throws -> Response {
        let rows = (result?.rows ?? []).map { row in
            ClosureImportPage.Row(
                line: row.line, reference: row.reference, isImported: row.problems.isEmpty,
                message: row.problems.isEmpty
                    ? row.person.map { Self.message(for: $0, req) } ?? req.t("closureImport.outcome.\(row.outcome ?? "created")")
                    : row.problems.map { req.t("closure.error.\($0.code.rawValue)") + ($0.pointer.isEmpty ? "" : " (\($0.pointer))") }
                        .joined(separator: "; "))
        }
        let warnings = (result?.withoutQuestionnaire ?? [:]).sorted { $0.key.rawValue < $1.key.rawValue }.map { audience, count in
            req.t("closureImport.warning.noQuestionnaire", ["audience": req.t("questionnaire.audience.\(audience.rawValue)"), "count": "\(count)"])
        }
        // One sentence per count, so each takes its own singular or plural.
        let summary = result.map { result in
            [
                req.t("closureImport.summary.created", ["count": "\(result.closuresCreated)"]),
                req.t("closureImport.summary.invitations", ["count": "\(result.invitationsPlanned)"]),
                req.t("closureImport.summary.again", ["count": "\(result.closuresAlreadyReceived)"]),
                req.t("closureImport.summary.rejected", ["count": "\(result.rejectedRows)"]),
            ]
            .joined(separator: " ")
                + result.skipped.sorted { $0.key.rawValue < $1.key.rawValue }.map { reason, count in
                    " " + req.t("closureImport.summary.skipped.\(reason.rawValue)", ["count": "\(count)"])
                }
                .joined()
        }
        let context = ClosureImportPage(
            layout: try await req.layout(titleKey: "closureImport.title"), formAction: SiteRoute.closureImport.path,
            columns: ClosureCSV.Column.allCases.map { $0.headerNames[0] }.joined(separator: ";"),
            columnHelp: ClosureCSV.Column.allCases.map { column in
                .init(
                    name: column.headerNames[0],
                    alsoAccepted: column.headerNames.count > 1
                        ? req.t("closureImport.help.alsoAccepted", ["names": column.headerNames.dropFirst().joined(separator: ", ")]) : "",
                    isRequired: !column.isOptional, meaning: req.t("closureImport.help.column.\(column.rawValue)"))
            },
            example: Self.example, teams: try await Self.knownTeams(on: req.db), pasted: pasted, errors: errors,
            hasReport: result != nil, summary: summary ?? "", warnings: warnings, rows: rows)
        return try await req.render("Invitations/import", context, status: status)
    }

    /// A small file that imports as it stands (given a team with that name).
    static let example = """
        traject;team;afsluitdatum;rol;e-mail;taal;geboortejaar;niet_benaderen
        ZAAK-1042;Team Noord;2026-11-30;ouder;ouder@example.nl;nl;;
        ZAAK-1042;Team Noord;2026-11-30;jongere;jongere@example.nl;en;2011;
        ZAAK-1042;Team Noord;2026-11-30;kind;;;2016;
        """

    /// The team names the import accepts, with their regions, in alphabetical order.
    static func knownTeams(on database: any Database) async throws -> [ClosureImportPage.KnownTeam] {
        let regions = Dictionary(uniqueKeysWithValues: try await Region.query(on: database).all().compactMap { region in region.id.map { ($0, region.name) } })
        return try await Team.query(on: database).sort(\.$name).all().map { team in
            .init(name: team.name, region: regions[team.$region.id] ?? "")
        }
    }
}
