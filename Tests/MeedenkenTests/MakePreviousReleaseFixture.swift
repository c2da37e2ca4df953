import Fluent
import Foundation
import Testing
import Vapor

@testable import Meedenken

@Suite struct MakePreviousReleaseFixture {
    @Test(arguments: TestDatabase.all)
    func make(database: TestDatabase) async throws {
        guard ProcessInfo.processInfo.environment["MEEDENKEN_MAKE_FIXTURE"] == "1" else { return }
        let clock = TestClock()
        clock.advance(by: PreviousRelease.madeAt.timeIntervalSince(clock.now))
        let (setting, drop) = try await database.provision()
        try await withConfiguredApp(setting: setting, clock: clock, migrate: true) { app in
            let now = clock.now
            try await DemoOrganisation.fill(app.db, hashing: app.passwordHashing, pool: app.threadPool, organisationName: "Jeugdzorg Demo", now: now)
            try await DemoOrganisation.addQuestionnaires(app, now: now)
            try await DemoOrganisation.addResponses(app, now: now)
            let token = try await makeApiToken(app)
            let response = try await callApi(app, .POST, SiteRoute.apiTrajectoryClosures.path, token: token, json: familyClosure(team: "Team Groningen").replacingOccurrences(of: "2030-03-10", with: "2026-11-20").replacingOccurrences(of: "2016", with: "2012").replacingOccurrences(of: "2022", with: "2017"))
            #expect(response.status == .created, "\(response.text)")
        }
        switch setting {
        case .sqlite(let path):
            #expect(!FileManager.default.fileExists(atPath: path + "-wal") || ((try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0) == 0)
            try? FileManager.default.removeItem(at: PreviousRelease.sqliteFile)
            try FileManager.default.copyItem(atPath: path, toPath: PreviousRelease.sqliteFile.path)
        case .postgres(let url):
            try PreviousRelease.runTool("pg_dump", ["--no-owner", "--no-privileges", "-f", PreviousRelease.postgresDump.path, url])
        case .sqliteInMemory: break
        }
        await drop()
        let (restored, dropRestored) = try await PreviousRelease.restore(database)
        clock.advance(by: PreviousRelease.readAt.timeIntervalSince(clock.now))
        try await withConfiguredApp(setting: restored, clock: clock, migrate: true) { app in
            let files = try await PreviousRelease.outputs(app)
            let lines = files.keys.sorted().map { "\(PreviousRelease.digest(files[$0]!))  \($0)" }
            try (lines.joined(separator: "\n") + "\n").write(to: PreviousRelease.expectedFile(database), atomically: true, encoding: .utf8)
        }
        await dropRestored()
    }
}
