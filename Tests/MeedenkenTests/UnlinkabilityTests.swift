import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

/// As someone holding a copy of the database or every export: responses sent in a known order,
/// from known addresses, must not be put back in that order or tied to an address, an
/// invitation or a time of day (DESIGN §4.1).
@Suite("Anonymous responses cannot be linked")
struct UnlinkabilityTests {
    /// Sends the sample questionnaire through its open link with `mark` and the open answer
    /// "antwoord `number`", from `address`.
    private func send(_ app: Application, link: String, number: Int, mark: Int, address: String) async throws {
        let browser = Browser(app)
        browser.remoteAddress = address
        let page = SiteRoute.answerPage(link: link).path
        _ = try await browser.get(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(SiteRoute.answerStart(link: link).path)
        _ = try await browser.post(page, [("pagina", "p1"), ("getoond", "cijfer,beter"), ("a-cijfer", String(mark)), ("a-beter", "antwoord \(number)")])
        let sent = try await browser.post(page, [("pagina", "p2"), ("getoond", "bereik,onderwerpen"), ("a-bereik", "never")])
        #expect(sent.location == SiteRoute.answerThanks(link: link).path)
    }

    @Test(arguments: TestDatabase.all)
    func responsesSentInAKnownOrderCannotBePutBackInOrderOrTiedToAnAddress(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, clock in
            let link = try await openSampleQuestionnaire(app)
            // Marks of at most 5, so the open follow-up is shown and every response has one.
            let numbers = Array(1...10)
            let marks = numbers.map { ($0 - 1) % 5 + 1 }
            for number in numbers {
                try await send(app, link: link, number: number, mark: marks[number - 1], address: "198.51.100.\(number)")
                clock.advance(by: 97)
            }
            let sql = try #require(app.db as? any SQLDatabase)
            // The tables in the order the database keeps them: SQLite by row id, PostgreSQL where
            // each row lies (what a dump or a plain SELECT shows).
            let order = sql.dialect.name == "sqlite" ? "rowid" : "ctid"
            let stored = try await sql.raw("SELECT answer_line, submitted_on FROM responses ORDER BY \(unsafeRaw: order)").all().map {
                (AnswerLine.parse(try $0.decode(column: "answer_line", as: String.self))["cijfer"], try $0.decode(column: "submitted_on", as: String.self))
            }
            #expect(stored.count == 10)
            #expect(stored.allSatisfy { $0.1.count == 10 }, "the day, never a time")
            // Each response's number, through its open answer, in the order the table keeps them.
            let responseOrder = try await sql.raw(
                "SELECT a.value FROM responses r JOIN response_answers a ON a.response_id = r.id ORDER BY r.\(unsafeRaw: order)"
            ).all().map { try $0.decode(column: "value", as: String.self) }
            let arrival = numbers.map { "text:antwoord \($0)" }
            #expect(Set(responseOrder) == Set(arrival))
            #expect(responseOrder != arrival, "the responses' order is not the order of arrival")
            let openAnswers = try await sql.raw("SELECT value FROM response_answers ORDER BY \(unsafeRaw: order)").all().map {
                try $0.decode(column: "value", as: String.self)
            }
            #expect(Set(openAnswers) == Set(arrival))
            #expect(openAnswers != arrival, "the open answers' order is not the order of arrival")
            if sql.dialect.name == "postgresql" {
                // PostgreSQL marks each row with the transaction that wrote it: on a quiet day
                // every response of the day was last written by the same one.
                for table in ["responses", "response_answers"] {
                    let writers = try await sql.raw(
                        "SELECT COUNT(DISTINCT t.xmin::text) AS n FROM \(unsafeRaw: table) t JOIN responses r ON r.id = \(unsafeRaw: table == "responses" ? "t.id" : "t.response_id") GROUP BY r.submitted_on"
                    ).all().map { try $0.decode(column: "n", as: Int.self) }
                    #expect(writers.allSatisfy { $0 == 1 }, "\(table): the transactions that wrote the rows give the order away")
                }
            }
            // Sent drafts forget their invitation and keep only the day.
            for draft in try await ResponseDraft.query(on: app.db).filter(\.$isSent == true).all() {
                #expect(draft.invitationID == nil)
                #expect(app.calendar.startOfDay(draft.updatedAt) == draft.updatedAt)
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
            let csv = try await researcher.get(SiteRoute.questionnaireResponsesExport(id: try questionnaire.requireID()).path(.format("csv")))
            let lines = csv.text.split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
            let column = try #require(lines.first?.firstIndex(of: "cijfer"))
            let exported = lines.dropFirst().map { $0[column] }
            #expect(Set(exported) == Set(marks.map(String.init)))
            #expect(exported != marks.map(String.init), "rows are not in the order of arrival")
        }
    }

    /// A database of the previous release kept its rows in the order they arrived: the upgrade
    /// puts them in a random order once.
    @Test(arguments: TestDatabase.all)
    func responsesStoredBeforeTheUpgradeAreNoLongerInTheOrderTheyArrived(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            _ = try await openSampleQuestionnaire(app)
            let version = try #require(try await QuestionnaireVersion.query(on: app.db).first())
            // Undoing and redoing a migration changes the schema: all of it on one connection, so
            // no other pooled SQLite connection works from the schema as it was.
            try await app.db.withConnection { connection in
                let sql = try #require(connection as? any SQLDatabase)
                try await AddArrivalMixing().revert(on: connection)
                // As the previous release stored them: one after another, in the order they came.
                let numbers = Array(1...12)
                for number in numbers {
                    let id = UUID()
                    try await sql.raw(
                        """
                        INSERT INTO responses (id, version_id, submitted_on, language, channel, respondent_role, answer_line)
                        VALUES (\(bind: id), \(bind: try version.requireID()), '2026-11-02', 'nl', 'open_link', 'parent', 'cijfer=number:3')
                        """
                    ).run()
                    try await sql.raw(
                        "INSERT INTO response_answers (id, response_id, question_key, value) VALUES (\(bind: UUID()), \(bind: id), 'beter', \(bind: "text:\(number)"))"
                    ).run()
                }
                try await AddArrivalMixing().prepare(on: connection)
                let order = sql.dialect.name == "sqlite" ? "rowid" : "ctid"
                let arrival = numbers.map { "text:\($0)" }
                let responseOrder = try await sql.raw(
                    "SELECT a.value FROM responses r JOIN response_answers a ON a.response_id = r.id ORDER BY r.\(unsafeRaw: order)"
                ).all().map { try $0.decode(column: "value", as: String.self) }
                #expect(Set(responseOrder) == Set(arrival))
                #expect(responseOrder != arrival, "the responses' order is not the order of arrival")
                let answerOrder = try await sql.raw("SELECT value FROM response_answers ORDER BY \(unsafeRaw: order)").all().map {
                    try $0.decode(column: "value", as: String.self)
                }
                #expect(answerOrder != arrival, "the open answers' order is not the order of arrival")
            }
        }
    }

    /// SQLite's write-ahead log keeps each transaction's pages in the order they were committed,
    /// the invitation's "completed" beside its response: a copy of the `-wal` file would pair
    /// them and give the order. Once nobody is sending, the log is emptied into the database.
    @Test func theWriteAheadLogIsEmptiedWhenNobodyIsSending() async throws {
        try await withMeedenken(.sqlite) { app, _ in
            guard case .sqlite(let path) = app.config.database else {
                Issue.record("not a SQLite file")
                return
            }
            let link = try await openSampleQuestionnaire(app)
            for number in 1...3 { try await send(app, link: link, number: number, mark: 4, address: "198.51.100.\(number)") }
            #expect(try await SurveyResponse.query(on: app.db).count() == 3)
            // The log is emptied just after the last answer is acknowledged: wait for it (bounded).
            var size = Int.max
            for _ in 0..<200 {
                size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
                if size == 0 { break }
                try await Task.sleep(for: .milliseconds(25))
            }
            #expect(size == 0, "the write-ahead log still holds \(size) bytes")
        }
    }
}
