import Foundation
import Testing

/// The web target reaches the database only through the store's door (`MeedenkenStore`): it
/// imports no SQL library or driver and writes no SQL. Checked on the source text, because
/// Swift lets a target import what its dependencies import.
@Suite struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// What only the store may use.
    static let storeOnly: [String] = [
        "import SQLKit", "import FluentSQL", "import SQLiteKit", "import SQLiteNIO", "import PostgresKit", "import PostgresNIO",
        "import FluentSQLiteDriver", "import FluentPostgresDriver", "SQLDatabase", "SQLQueryString", "SQLRow", "SQLBind", "sql.raw(",
        "unsafeRaw:", "SQLRaw", "SQLExpression", "SQLLiteral", "SQLIdentifier", ".sql(embed", "import struct SQL", "import class SQL",
        "import enum SQL", "import protocol SQL", "store.sql", ".custom(\"",
    ]

    static func swiftFiles(in folder: String) throws -> [URL] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    @Test func theWebTargetWritesNoSQLAndImportsNoDriver() throws {
        let files = try Self.swiftFiles(in: "Sources/Meedenken")
        #expect(files.count > 100, "the web target's sources are found")
        var offences: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                guard !code.hasPrefix("//") else { continue }
                for word in Self.storeOnly where code.contains(word) {
                    offences.append("\(file.lastPathComponent):\(number + 1): \(word)")
                }
            }
        }
        #expect(offences.isEmpty, "SQL or a driver outside MeedenkenStore: \(offences)")
    }

    @Test func theStoreAndCoreDoNotImportVapor() throws {
        for folder in ["Sources/MeedenkenStore", "Sources/MeedenkenCore"] {
            for file in try Self.swiftFiles(in: folder) {
                let text = try String(contentsOf: file, encoding: .utf8)
                #expect(!text.contains("import Vapor") && !text.contains("import Leaf"), "\(file.lastPathComponent) imports the web framework")
            }
        }
    }

    /// Migrations are frozen: a released one never calls today's code, so it does on an old
    /// database later what it did the day it was written.
    @Test func migrationsCallNoLiveCode() throws {
        for file in try Self.swiftFiles(in: "Sources/MeedenkenStore/Migrations") where file.lastPathComponent != "MigrationList.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(!text.contains("import MeedenkenCore"), "\(file.lastPathComponent) imports live domain code")
            #expect(
                text.range(of: #"[A-Z][A-Za-z]*\.schema\b"#, options: .regularExpression) == nil,
                "\(file.lastPathComponent) takes a table name from a model")
        }
    }
}
