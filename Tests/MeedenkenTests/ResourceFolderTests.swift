import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing

@testable import Meedenken

/// The binary finds its templates and stylesheet wherever it is started from: issue 20.
@Suite("Finding Resources/ and Public/")
struct ResourceFolderTests {
    private func folder(withResources: Bool) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meedenken-resources-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if withResources {
            let locales = folder.appendingPathComponent("Resources/Locales")
            try FileManager.default.createDirectory(at: locales, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: locales.appendingPathComponent("nl.json"))
        }
        return folder
    }

    @Test func nextToTheBinaryComesBeforeTheWorkingFolder() throws {
        let installed = try folder(withResources: true)
        let checkout = try folder(withResources: true)
        let found = ResourceFolder.locate(explicit: nil, executable: installed.appendingPathComponent("meedenken"), workingDirectory: checkout.path)
        #expect(try found.get() == installed.path)
    }

    @Test func anInstalledLayoutFindsShareMeedenken() throws {
        let prefix = try folder(withResources: false)
        let share = prefix.appendingPathComponent("share/meedenken")
        try FileManager.default.createDirectory(at: share.appendingPathComponent("Resources/Locales"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: share.appendingPathComponent("Resources/Locales/nl.json"))
        let elsewhere = try folder(withResources: false)
        let found = ResourceFolder.locate(explicit: nil, executable: prefix.appendingPathComponent("bin/meedenken"), workingDirectory: elsewhere.path)
        #expect(try found.get() == share.path)
    }

    @Test func theWorkingFolderIsTheLastPlaceAndTheSettingWins() throws {
        let build = try folder(withResources: false)
        let checkout = try folder(withResources: true)
        let explicit = try folder(withResources: true)
        let executable = build.appendingPathComponent("meedenken")
        #expect(try ResourceFolder.locate(explicit: nil, executable: executable, workingDirectory: checkout.path).get() == checkout.path)
        #expect(try ResourceFolder.locate(explicit: explicit.path, executable: executable, workingDirectory: checkout.path).get() == explicit.path)
    }

    @Test func nothingFoundNamesTheSettingAndEveryPlaceLooked() throws {
        let empty = try folder(withResources: false)
        let missing = ResourceFolder.locate(explicit: nil, executable: empty.appendingPathComponent("meedenken"), workingDirectory: "/tmp")
        guard case .failure(let error) = missing else {
            Issue.record("found resources in an empty folder")
            return
        }
        #expect(error.description.contains("MEEDENKEN_RESOURCES_DIR") && error.description.contains(empty.path) && error.description.contains("/tmp"))
        guard case .failure(let wrong) = ResourceFolder.locate(explicit: empty.path, executable: nil, workingDirectory: "/tmp") else {
            Issue.record("a setting naming an empty folder was accepted")
            return
        }
        #expect(wrong.description.contains("MEEDENKEN_RESOURCES_DIR names \(empty.path)"))
    }
}
