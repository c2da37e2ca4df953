import Fluent
import Foundation
import MeedenkenCore
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
            let queue = app.responseWrites
            let now = app.clock.now()
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool?).self) { group in
                for (index, draft) in (drafts + drafts.prefix(10)).enumerated() {
                    group.addTask {
                        let submission = ResponseRecorder.Submission(
                            draftID: draft, answers: ["cijfer": .number(index % 10 + 1)], attributes: index == 7 ? broken : attributes, now: now)
                        do { return (index, try await queue.write(submission)) } catch { return (index, nil) }
                    }
                }
                var outcomes: [Int: Bool?] = [:]
                for try await (index, stored) in group { outcomes[index] = stored }
                return outcomes
            }
            #expect(outcomes[7] == .some(nil), "the broken submission fails")
            // Of each draft sent twice, one send stored it (draft 7's second send, as its first failed).
            for index in 0..<10 {
                let pair = [outcomes[index] ?? nil, outcomes[40 + index] ?? nil]
                #expect(pair.filter { $0 == true }.count == 1, "draft \(index): \(pair)")
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
}
