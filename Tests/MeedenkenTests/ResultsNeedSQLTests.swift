import FluentKit
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Results read through the store, which needs SQL: on a database without it every results read
/// throws (a page errors) instead of showing nothing or zero as if nobody had answered.
@Suite struct ResultsNeedSQLTests {
    @Test func resultsReadsOnADatabaseWithoutSQLThrow() async throws {
        let app = try await Application.make(.testing)
        app.databases.use(NotSQLConfiguration(), as: DatabaseID(string: "not-sql"), isDefault: true)
        app.resultsCache = ResultsCache()
        let req = Request(application: app, on: app.eventLoopGroup.next())
        let subject = ResultsSubject(
            id: UUID(), kind: sampleQuestionnaire.kind, audience: sampleQuestionnaire.audience, versionIDs: [UUID()],
            definition: sampleQuestionnaire, organisation: ResultOrganisation(teamNames: [:], regionNames: [:], regionOfTeam: [:]), minimum: 10,
            ownTeams: nil)

        #expect(throws: NeedsSQLDatabase.self) { try Store(req.db, for: "results") }
        await #expect(throws: NeedsSQLDatabase.self) { try await ResultsSubject.load(req, id: subject.id) }
        await #expect(throws: NeedsSQLDatabase.self) { try await subject.data(on: req) }
        #expect(throws: NeedsSQLDatabase.self) { try subject.snapshotReader(on: req) }
        await #expect(throws: NeedsSQLDatabase.self) {
            try await ResultsPageBuilder.page(for: req, subject: subject, filter: ResultFilter(), problems: [])
        }
        await #expect(throws: NeedsSQLDatabase.self) { try await AggregateTable.build(req: req, subject: subject, filter: ResultFilter()) }
        await #expect(throws: NeedsSQLDatabase.self) { try await RespondentExport.response(req, subject: subject, format: .csv, separator: .semicolon) }
        try await app.asyncShutdown()
    }
}
