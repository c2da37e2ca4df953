import Fluent
import Foundation
import MeedenkenCore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// As someone holding a copy of the database or every export: responses sent in a known order,
/// from known addresses, must not be put back in that order or tied to an address, an
/// invitation or a time of day (DESIGN §4.1).
@Suite("Anonymous responses cannot be linked")
struct UnlinkabilityTests {
    /// Sends the sample questionnaire through its open link with `mark`, from `address`.
    private func send(_ app: Application, link: String, mark: Int, address: String) async throws {
        let browser = Browser(app)
        browser.remoteAddress = address
        let page = SiteRoute.answerPage(link: link).path
        _ = try await browser.get(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", String(mark)), ("a-beter", "")])
        let sent = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "never")])
        #expect(sent.location == SiteRoute.answerThanks(link: link).path)
    }

    @Test(arguments: TestDatabase.all)
    func responsesSentInAKnownOrderCannotBePutBackInOrderOrTiedToAnAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            let marks = Array(1...10)
            for mark in marks {
                try await send(app, link: link, mark: mark, address: "198.51.100.\(mark)")
                clock.advance(by: 97)
            }
            let sql = try #require(app.db as? any SQLDatabase)
            // The responses table, in the order the database keeps it.
            let order = sql.dialect.name == "sqlite" ? "rowid" : "id"
            let stored = try await sql.raw("SELECT answer_line, submitted_on FROM responses ORDER BY \(unsafeRaw: order)").all().map {
                (AnswerLine.parse(try $0.decode(column: "answer_line", as: String.self))["cijfer"], try $0.decode(column: "submitted_on", as: String.self))
            }
            #expect(stored.count == 10)
            #expect(stored.allSatisfy { $0.1.count == 10 }, "the day, never a time")
            if sql.dialect.name == "sqlite" {
                #expect(stored.map { $0.0 } != marks.map { .number($0) }, "the file's order is not the order of arrival")
            }
            // Sent drafts forget their invitation and keep only the day.
            for draft in try await ResponseDraft.query(on: app.db).filter(\.$isSent == true).all() {
                #expect(draft.invitationID == nil)
                #expect(ResponseRecorder.organisationCalendar.startOfDay(for: draft.updatedAt) == draft.updatedAt)
            }
            // No table keeps a respondent's address.
            for table in ["rate_limit_counters", "audit_events", "responses", "response_answers", "response_drafts"] {
                let rows = try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all()
                for row in rows {
                    for column in row.allColumns {
                        let text = (try? row.decode(column: column, as: String?.self)) ?? nil
                        #expect(!(text ?? "").contains("198.51.100."), "\(table).\(column) keeps an address")
                    }
                }
            }
            // A month later the ten are released together; the researcher's file has them in no
            // order of arrival either.
            clock.advance(by: 40 * 86_400)
            let researcher = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher))
            let questionnaire = try #require(try await Questionnaire.query(on: app.db).filter(\.$key == "proef").first())
            let csv = try await researcher.get(SiteRoute.questionnaireResponsesExport(id: try questionnaire.requireID()).path + "?formaat=csv")
            let lines = csv.text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            let column = try #require(lines.first?.firstIndex(of: "cijfer"))
            let exported = lines.dropFirst().map { $0[column] }
            #expect(Set(exported) == Set(marks.map(String.init)))
            #expect(exported != marks.map(String.init), "rows are not in the order of arrival")
        }
    }
}
