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
            let aggregate = SiteRoute.questionnaireResultsExport(id: questionnaire).path
            let responses = SiteRoute.questionnaireResponsesExport(id: questionnaire).path
            for path in [
                aggregate, aggregate + "?formaat=csv&scheidingsteken=puntkomma", aggregate + "?formaat=json", responses + "?formaat=csv",
                responses + "?formaat=xlsx",
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
