import Crypto
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor

@testable import Meedenken

/// A database made by the previous release (`Fixtures/PreviousRelease`, see `PreviousRelease`)
/// migrates cleanly with today's code and gives the same results and exports, byte for byte.
@Suite struct UpgradeTests {
    @Test(arguments: TestDatabase.all)
    func aDatabaseOfThePreviousReleaseUpgradesToIdenticalResultsAndExports(database: TestDatabase) async throws {
        let expected = try PreviousRelease.expected(database)
        let clock = TestClock()
        clock.advance(by: PreviousRelease.readAt.timeIntervalSince(clock.now))
        let run: () async throws -> Void = {
            let (setting, drop) = try await PreviousRelease.restore(database)
            do {
                try await withConfiguredApp(setting: setting, clock: clock, migrate: true) { app in
                    #expect(try await Migrations.pending(on: app).isEmpty)
                    let files = try await PreviousRelease.outputs(app)
                    #expect(Set(files.keys) == Set(expected.keys))
                    let differing = files.keys.sorted().filter { PreviousRelease.digest(files[$0]!) != expected[$0] }
                    if !differing.isEmpty {
                        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meedenken-upgrade-\(database.rawValue)")
                        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                        for name in differing { try files[name]!.write(to: folder.appendingPathComponent(name)) }
                        Issue.record("After the upgrade these differ from the previous release (written to \(folder.path)): \(differing)")
                    }
                }
            } catch {
                await drop()
                throw error
            }
            await drop()
        }
        if database == .postgres { try await TestGate.postgres.run(run) } else { try await run() }
    }
}
