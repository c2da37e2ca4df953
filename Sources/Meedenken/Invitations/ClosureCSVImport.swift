import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore

/// A CSV of trajectory closures, read, checked and imported: good closures are stored in one
/// transaction, a closure with any bad row is left out whole, and every row gets a line in the
/// report. The browser page and `meedenken import-closures` both use this.
struct ClosureCSVImport {
    struct RowReport: Sendable {
        let line: Int
        let reference: String
        /// Catalog keys with their column, or empty when the row was imported.
        let problems: [ClosureProblem]
        /// `created`, `already_received`, or nil when rejected.
        let outcome: String?
        /// What became of the row's person, when their closure was created now.
        var person: ClosureIntake.PersonOutcome? = nil
    }

    struct Result: Sendable {
        let rows: [RowReport]
        let fileProblems: [ClosureProblem]
        let closuresCreated: Int
        let closuresAlreadyReceived: Int
        let invitationsPlanned: Int
        var rejectedRows: Int { rows.filter { !$0.problems.isEmpty }.count }

        /// People of new closures not invited, per reason.
        var skipped: [InvitationPlan.SkipReason: Int] {
            rows.reduce(into: [:]) { counts, row in
                if case .skipped(let reason, _)? = row.person { counts[reason, default: 0] += 1 }
            }
        }

        /// People left out because no questionnaire is open for their audience, per audience:
        /// what a coordinator must act on.
        var withoutQuestionnaire: [QuestionnaireDefinition.Audience: Int] {
            rows.reduce(into: [:]) { counts, row in
                if case .skipped(.noQuestionnaire, let audience?)? = row.person { counts[audience, default: 0] += 1 }
            }
        }
    }

    let database: any Database
    let config: AppConfig

    func run(csv text: String, now: Date) async throws -> Result {
        let parsed = ClosureCSV(table: CSVTable(text: text), today: config.calendar.day(now))
        if !parsed.fileProblems.isEmpty {
            return Result(rows: [], fileProblems: parsed.fileProblems, closuresCreated: 0, closuresAlreadyReceived: 0, invitationsPlanned: 0)
        }
        let teams = try await ClosureIntake.teamIndex(on: database)
        var accepted: [ClosureIntake.Resolved] = []
        var rows: [RowReport] = []
        var acceptedLines: [String: [Int]] = [:]
        for group in parsed.groups {
            if let submission = group.submission, let teamID = teams[submission.team.lowercased()] {
                accepted.append(.init(submission: submission, teamID: teamID))
                acceptedLines[submission.reference] = group.lines
                continue
            }
            let unknownTeam = group.submission != nil
            for line in group.lines {
                let problems = unknownTeam ? [ClosureProblem("team", .unknownTeam)] : group.problems[line] ?? []
                rows.append(RowReport(line: line, reference: group.reference, problems: problems, outcome: nil))
            }
        }
        let reports = try await ClosureIntake(database: database, config: config).record(accepted, source: "csv", now: now)
        for report in reports {
            // A created closure's people are its rows, in order.
            for (index, line) in (acceptedLines[report.reference] ?? []).enumerated() {
                rows.append(
                    RowReport(
                        line: line, reference: report.reference, problems: [], outcome: report.status,
                        person: index < report.people.count ? report.people[index] : nil))
            }
        }
        return Result(
            rows: rows.sorted { $0.line < $1.line }, fileProblems: [],
            closuresCreated: reports.filter { $0.status == "created" }.count,
            closuresAlreadyReceived: reports.filter { $0.status != "created" }.count,
            invitationsPlanned: reports.filter { $0.status == "created" }.reduce(0) { $0 + $1.invitationsPlanned })
    }
}
