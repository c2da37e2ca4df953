import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

/// `meedenken import-closures FILE.csv`: the same import as the browser page, for scheduled jobs.
/// Prints a line per rejected row; exits non-zero when any row was rejected.
struct ImportClosuresCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "CSV with columns traject;team;afsluitdatum;rol;e-mail;taal;geboortejaar;niet_benaderen")
        var file: String
    }

    struct ImportFailed: Error, CustomStringConvertible {
        let description: String
    }

    var help: String { "Imports trajectory closures from a CSV file; invitations follow after the configured delay." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try app.requireResources()
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw ImportFailed(description: "cannot read \(signature.file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ImportFailed(description: "\(signature.file) is not UTF-8 text") }
        try await DatabasePreparation.prepare(app)
        let result = try await ClosureCSVImport(database: app.db, config: app.config).run(csv: text, now: app.clock.now())
        let localizer = app.localizer
        if !result.fileProblems.isEmpty {
            throw ImportFailed(
                description: result.fileProblems.map { "\(localizer.text("closure.error.\($0.code.rawValue)", in: .english)): \($0.pointer)" }
                    .joined(separator: "\n"))
        }
        for row in result.rows where !row.problems.isEmpty {
            let reasons = row.problems.map { "\($0.pointer): \(localizer.text("closure.error.\($0.code.rawValue)", in: .english))" }
            context.console.print("line \(row.line) (\(row.reference)): \(reasons.joined(separator: "; "))")
        }
        let event = AuditEvent()
        event.occurredAt = app.clock.now()
        event.action = .closuresReceived
        event.detail = "command line: \(result.closuresCreated) closures"
        try await event.create(on: app.db)
        context.console.print(
            "\(result.closuresCreated) closures imported (\(result.invitationsPlanned) invitations planned), "
                + "\(result.closuresAlreadyReceived) received before, \(result.rejectedRows) rows rejected.")
        if result.rejectedRows > 0 { throw ImportFailed(description: "\(result.rejectedRows) rows were rejected; see above") }
    }
}
