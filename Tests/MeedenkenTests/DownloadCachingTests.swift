import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// Results and exports must not stay in a shared or browser cache (issue 12 #12).
@Suite("Downloads are not cached")
struct DownloadCachingTests {
    @Test(arguments: TestDatabase.all)
    func everyResultsDownloadSaysNoStore(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let (questionnaire, _) = try await openExitQuestionnaires(app)
            let researcher = try await signedInBrowser(app, as: try await makeUser(app, role: .researcher))
            let aggregate = SiteRoute.questionnaireResultsExport(id: questionnaire)
            let responses = SiteRoute.questionnaireResponsesExport(id: questionnaire)
            for path in [
                aggregate.path, aggregate.path(.format("csv"), .separator("semicolon")), aggregate.path(.format("json")), responses.path(.format("csv")),
                responses.path(.format("xlsx")),
                // The names the web used before, still read (bookmarks).
                aggregate.path + "?formaat=csv&scheidingsteken=puntkomma", responses.path + "?formaat=xlsx",
            ] {
                let response = try await researcher.get(path)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func stylesheetsMayStillBeCached(database: TestDatabase) async throws {
        try await withMeedenken(database) { app, _ in
            let stylesheet = try await Browser(app).get("/css/meedenken.css")
            #expect(stylesheet.status == .ok && stylesheet.headers.first(name: .cacheControl) != "no-store")
        }
    }
}
