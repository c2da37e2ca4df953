import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing

@testable import Meedenken

@Suite("Responses are stored through the store, which needs SQL")
struct StoringResponsesTests {
    /// Made-up responses on a database without SQL used to be skipped without a word: now the
    /// store refuses the database, and the caller hears of it.
    @Test func madeUpResponsesOnADatabaseWithoutSQLFailLoudly() async throws {
        let definition = SeedResultsCommand.definition
        let synthetic = SyntheticResponses(versionID: UUID(), definition: definition, calendar: .netherlands)
        await #expect(throws: NeedsSQLDatabase.self) {
            try await synthetic.insert(.init(count: 3, teams: [], firstDay: Date(), days: 1), on: NotSQLDatabase())
        }
    }

    /// A respondent's response is never dropped quietly either: the store cannot even be made.
    @Test func theStoreRefusesANotSQLDatabase() {
        #expect(throws: NeedsSQLDatabase.self) { try Store(NotSQLDatabase(), for: "storing responses") }
    }
}
