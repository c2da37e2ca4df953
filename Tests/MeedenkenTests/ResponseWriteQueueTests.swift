import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import SQLKit
import Testing
import Vapor

@testable import Meedenken

@Suite("Submissions written together")
struct ResponseWriteQueueTests {
    /// Many respondents sending at once, some twice, one with a response that cannot be stored:
    /// every draft is stored exactly once, counted once, and the broken one fails alone.
    @Test(arguments: TestDatabase.all)
    func manySimultaneousSubmissionsAreEachStoredOnceAndABadOneFailsAlone(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
            let versionID = try imported.version.requireID()
            var drafts: [UUID] = []
            for _ in 0..<40 {
                let draft = ResponseDraft(tokenHash: SecureToken.hash(SecureToken.generate()), versionID: versionID, now: app.clock.now())
                try await draft.create(on: app.db)
                drafts.append(try draft.requireID())
            }
            let attributes = ResponseRecorder.Attributes(versionID: versionID, language: "nl", channel: "open_link", respondentRole: "parent")
            // A version that does not exist: the database refuses the response.
            let broken = ResponseRecorder.Attributes(versionID: UUID(), language: "nl", channel: "open_link", respondentRole: "parent")
            // The broken response has a draft of its own, so no duplicate of it can be stored first.
            let brokenDraft = ResponseDraft(tokenHash: SecureToken.hash(SecureToken.generate()), versionID: versionID, now: app.clock.now())
            try await brokenDraft.create(on: app.db)
            let brokenIndex = 50
            let queue = app.responseWrites
            let now = app.clock.now()
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool?).self) { group in
                for (index, draft) in (drafts + drafts.prefix(10) + [try brokenDraft.requireID()]).enumerated() {
                    group.addTask {
                        let submission = ResponseRecorder.Submission(
                            draftID: draft, answers: ["cijfer": .number(index % 10 + 1)], attributes: index == brokenIndex ? broken : attributes, now: now,
                            calendar: .netherlands)
                        do { return (index, try await queue.write(submission.response)) } catch { return (index, nil) }
                    }
                }
                var outcomes: [Int: Bool?] = [:]
                for try await (index, stored) in group { outcomes[index] = stored }
                return outcomes
            }
            #expect(outcomes[brokenIndex] == .some(nil), "the broken submission fails")
            // Of each draft sent twice, exactly one send stored it; the other is told it was already sent.
            for index in 0..<10 {
                let pair = [outcomes[index] ?? nil, outcomes[40 + index] ?? nil]
                #expect(pair.filter { $0 == true }.count == 1, "draft \(index): \(pair)")
                #expect(pair.filter { $0 == false }.count == 1, "draft \(index): \(pair)")
            }
            let responses = try await SurveyResponse.query(on: app.db).count()
            #expect(responses == 40)
            let sql = try #require(app.db as? any SQLDatabase)
            let counted = try await sql.raw("SELECT CAST(SUM(n) AS BIGINT) AS n FROM response_tallies").first()?.decode(column: "n", as: Int.self)
            #expect(counted == 40)
            let answers = try await sql.raw("SELECT CAST(SUM(n) AS BIGINT) AS n FROM answer_totals").first()?.decode(column: "n", as: Int.self)
            #expect(answers == 40)
        }
    }

    /// One batch with responses of two teams in two months, through the store the application
    /// writes with (SQLite's own writer, PostgreSQL's pool): each team and month is counted
    /// apart, and the totals without the month add both months up.
    @Test(arguments: TestDatabase.all)
    func aBatchOfSeveralTeamsAndMonthsIsCountedPerTeamAndMonth(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
            let versionID = try imported.version.requireID()
            let teams = [try await makeTeam(app).requireID(), try await makeTeam(app).requireID()]
            let october = try #require(ISO8601DateFormatter().date(from: "2026-10-15T10:00:00Z"))
            let november = try #require(ISO8601DateFormatter().date(from: "2026-11-15T10:00:00Z"))
            var submissions: [ResponseRecorder.Submission] = []
            // Team 0: 3 in October, 2 in November; team 1: 1 in November. Marks 7 and 8.
            for (team, month, mark) in [(0, october, 7), (0, october, 7), (0, october, 8), (0, november, 8), (0, november, 7), (1, november, 7)] {
                let draft = ResponseDraft(tokenHash: SecureToken.hash(SecureToken.generate()), versionID: versionID, now: month)
                try await draft.create(on: app.db)
                submissions.append(
                    .init(
                        draftID: try draft.requireID(), answers: ["cijfer": .number(mark)],
                        attributes: .init(versionID: versionID, language: "nl", channel: "open_link", respondentRole: "parent", teamID: teams[team]),
                        now: month, calendar: app.calendar))
            }
            let stored = try await makeResponseStore(app).store(submissions.map(\.response))
            #expect(stored == Array(repeating: true, count: 6))

            let sql = try #require(app.db as? any SQLDatabase)
            let respondents = try await sql.raw("SELECT team, month, CAST(n AS BIGINT) AS n FROM response_tallies").all()
            var byTeamAndMonth: [String: Int] = [:]
            for row in respondents {
                let team = try row.decode(column: "team", as: String.self) == teams[0].uuidString.lowercased() ? "0" : "1"
                byTeamAndMonth["\(team) \(try row.decode(column: "month", as: String.self))"] = try row.decode(column: "n", as: Int.self)
            }
            #expect(byTeamAndMonth == ["0 2026-10": 3, "0 2026-11": 2, "1 2026-11": 1])

            let totals = try await sql.raw(
                "SELECT team, value, CAST(n AS BIGINT) AS n FROM answer_totals WHERE question_key = \(bind: "cijfer")"
            ).all()
            var byTeamAndValue: [String: Int] = [:]
            for row in totals {
                let team = try row.decode(column: "team", as: String.self) == teams[0].uuidString.lowercased() ? "0" : "1"
                byTeamAndValue["\(team) \(try row.decode(column: "value", as: String.self))"] = try row.decode(column: "n", as: Int.self)
            }
            #expect(byTeamAndValue == ["0 number:7": 3, "0 number:8": 2, "1 number:7": 1])
        }
    }

    /// A page saved after the draft was sent (a second tab, a late retry) must not put answers
    /// back into a draft that has given them up.
    @Test(arguments: TestDatabase.all)
    func savingAPageAfterSendingChangesNothing(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let imported = try await QuestionnaireStore(database: app.db).save(sampleQuestionnaire, now: app.clock.now())
            let versionID = try imported.version.requireID()
            let draft = ResponseDraft(tokenHash: SecureToken.hash(SecureToken.generate()), versionID: versionID, now: app.clock.now())
            try await draft.create(on: app.db)
            let draftID = try draft.requireID()
            let store = try Store(app.db)
            let unsent = DraftState(id: draftID, answers: ["cijfer": .number(6)], currentPage: "p1", isSent: false, updatedAt: app.clock.now())
            try await store.saveProgress(of: unsent, now: app.clock.now())
            #expect(try await ResponseDraft.find(draftID, on: app.db)?.answersJSON.contains("number:6") == true, "an open draft keeps the page")

            let attributes = ResponseRecorder.Attributes(versionID: versionID, language: "nl", channel: "open_link", respondentRole: "parent")
            let stored = try await store.storeResponses(
                [
                    ResponseRecorder.Submission(
                        draftID: draftID, answers: ["cijfer": .number(6)], attributes: attributes, now: app.clock.now(), calendar: app.calendar
                    ).response
                ])
            #expect(stored == [true])
            let late = DraftState(id: draftID, answers: ["cijfer": .number(9)], currentPage: "p1", isSent: false, updatedAt: app.clock.now())
            try await store.saveProgress(of: late, now: app.clock.now())
            let after = try #require(try await ResponseDraft.find(draftID, on: app.db))
            #expect(after.isSent && after.answersJSON == "{}" && after.currentPage == nil)
        }
    }
}
