import Crypto
import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Testing
import Vapor
import VaporTesting

@testable import Meedenken

/// A database made by the release before the renovation (commit de5a0bd, by the maker in commit
/// 01e41e0): the demo organisation,
/// filled at `madeAt`, kept as a SQLite file and a PostgreSQL dump, with the results and exports
/// that release gave on it. The upgrade test restores it, migrates it with today's code and asks
/// for the same figures and files.
enum PreviousRelease {
    /// When the fixture was filled, and the moment its results are read at: a fixed clock, because
    /// results show closed months only.
    static let madeAt = Date(timeIntervalSince1970: 1_796_205_600)  // 2026-12-02 10:00 UTC
    static let readAt = madeAt.addingTimeInterval(3_600)

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/PreviousRelease")
    }
    static var sqliteFile: URL { folder.appendingPathComponent("meedenken.sqlite") }
    static var postgresDump: URL { folder.appendingPathComponent("meedenken-postgres.sql") }
    /// The SHA-256 of every output the previous release gave, by file name, one `digest  name` a line.
    static func expectedFile(_ database: TestDatabase) -> URL { folder.appendingPathComponent("expected-\(database.rawValue).sha256") }

    static func expected(_ database: TestDatabase) throws -> [String: String] {
        let lines = try String(contentsOf: expectedFile(database), encoding: .utf8).split(separator: "\n")
        return Dictionary(
            uniqueKeysWithValues: lines.map { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (parts[1].trimmingCharacters(in: .whitespaces), String(parts[0]))
            })
    }

    static func digest(_ data: Data) -> String { SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined() }

    /// A fresh database holding the fixture, and how to drop it.
    static func restore(_ database: TestDatabase) async throws -> (setting: AppConfig.DatabaseSetting, drop: @Sendable () async -> Void) {
        let (setting, drop) = try await database.provision()
        switch setting {
        case .sqlite(let path):
            try FileManager.default.copyItem(atPath: sqliteFile.path, toPath: path)
        case .postgres(let url):
            try runTool("psql", ["-v", "ON_ERROR_STOP=1", "-q", "-d", url, "-f", postgresDump.path])
        case .sqliteInMemory:
            break
        }
        return (setting, drop)
    }

    /// Runs a PostgreSQL client tool (from PATH or Debian's versioned folder).
    static func runTool(_ name: String, _ arguments: [String]) throws {
        let candidates =
            ((ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(name)" })
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).sorted().reversed().map {
                "/usr/lib/postgresql/\($0)/bin/\(name)"
            }
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw ToolMissing(name: name)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ToolFailed(name: name, status: process.terminationStatus) }
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let name: String
        var description: String { "\(name) (PostgreSQL client) is needed to restore the upgrade fixture; scripts/test installs it" }
    }
    struct ToolFailed: Error, CustomStringConvertible {
        let name: String
        let status: Int32
        var description: String { "\(name) exited with \(status)" }
    }

    /// Every results figure and export the fixture gives, by file name: the API's results per
    /// questionnaire (all, and one region), the aggregated CSV of the results page, and the
    /// researcher's respondent export in its three formats.
    static func outputs(_ app: Application) async throws -> [String: Data] {
        var files: [String: Data] = [:]
        let token = try await ApiToken.create(name: "upgrade", scopes: Set(ApiScope.allCases), now: app.clock.now(), on: app.db).1
        let coordinator = try await signedInBrowser(app, as: try await makeUser(app, role: .coordinator))
        let region = try #require(try await Region.query(on: app.db).sort(\.$name).first()).id!.uuidString
        for questionnaire in try await Questionnaire.query(on: app.db).sort(\.$key).all() {
            let id = try questionnaire.requireID()
            let key = questionnaire.key
            let calls: [(String, String)] = [
                ("api-results-\(key).json", SiteRoute.apiQuestionnaireResults(id: id).path),
                ("api-results-\(key)-region.json", SiteRoute.apiQuestionnaireResults(id: id).path + "?onderdeel=regio:\(region)"),
                ("api-responses-\(key).csv", SiteRoute.apiQuestionnaireResponses(id: id).path + "?format=csv"),
                ("api-responses-\(key).xlsx", SiteRoute.apiQuestionnaireResponses(id: id).path + "?format=xlsx"),
                ("api-responses-\(key).sav", SiteRoute.apiQuestionnaireResponses(id: id).path + "?format=sav"),
            ]
            for (name, path) in calls {
                let response = try await callApi(app, .GET, path, token: token)
                #expect(response.status == .ok, "\(name): \(response.status)")
                files[name] = comparable(name, Data(buffer: response.body))
            }
            let csv = try await coordinator.get(SiteRoute.questionnaireResultsExport(id: id).path + "?formaat=csv&scheidingsteken=puntkomma")
            #expect(csv.status == .ok, "results CSV of \(key): \(csv.status)")
            files["web-results-\(key).csv"] = Data(buffer: csv.body)
        }
        return files
    }

    /// What of an output must stay the same. The respondent export numbers rows and puts them in
    /// a fresh random order each time (so no order of arrival leaks), and the SPSS file carries the
    /// moment it was made. So each file is compared as its fixed part and the set of its rows
    /// without their running number: the CSV by its lines, the SPSS file by its dictionary (the
    /// creation date and time blanked) and its fixed-width cases, the Excel file by its parts
    /// and the rows of its sheet (cell references taken out).
    static func comparable(_ name: String, _ data: Data) -> Data {
        if name.hasPrefix("api-responses-") && name.hasSuffix(".csv") {
            let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
            let rows = lines.dropFirst().map { $0.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).dropFirst().joined() }
            return Data(([lines.first ?? ""] + rows.sorted()).joined(separator: "\n").utf8)
        }
        if name.hasSuffix(".sav") { return comparableSAV([UInt8](data)) }
        if name.hasSuffix(".xlsx") { return comparableXLSX([UInt8](data)) }
        return data
    }

    /// An uncompressed SPSS system file: the header with its creation date and time blanked, the
    /// dictionary records as they are, then the cases sorted, each without its first variable
    /// (the running number, 8 bytes).
    static func comparableSAV(_ bytes: [UInt8]) -> Data {
        func int32(_ at: Int) -> Int {
            guard at + 4 <= bytes.count else { return 0 }
            return Int(Int32(littleEndian: bytes[at..<(at + 4)].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }))
        }
        guard bytes.count >= 176 else { return Data(bytes) }
        var header = Array(bytes[0..<176])
        for index in 92..<109 { header[index] = 0 }  // creation date (9) and time (8)
        let caseSize = int32(68) * 8
        var at = 176
        // The dictionary: variable, value-label, document and extension records, until 999.
        records: while at + 4 <= bytes.count {
            switch int32(at) {
            case 2:
                let hasLabel = int32(at + 8)
                let missing = abs(int32(at + 12))
                at += 32
                if hasLabel != 0 { at += 4 + (int32(at) + 3) / 4 * 4 }
                at += missing * 8
            case 3:
                let count = int32(at + 4)
                at += 8
                for _ in 0..<count {
                    let length = Int(bytes[min(at + 8, bytes.count - 1)])
                    at += 8 + (length + 1 + 7) / 8 * 8
                }
            case 4: at += 8 + int32(at + 4) * 4
            case 6: at += 8 + int32(at + 4) * 80
            case 7: at += 16 + int32(at + 8) * int32(at + 12)
            case 999:
                at += 8
                break records
            default: return Data(bytes)  // not a file this reads: compared whole
            }
        }
        guard caseSize > 8, at <= bytes.count else { return Data(bytes) }
        var cases: [[UInt8]] = []
        var start = at
        while start + caseSize <= bytes.count {
            cases.append(Array(bytes[(start + 8)..<(start + caseSize)]))
            start += caseSize
        }
        let sorted = cases.sorted { $0.lexicographicallyPrecedes($1) }
        return Data(header + bytes[176..<at] + sorted.joined() + bytes[start...])
    }

    /// A stored (uncompressed) workbook: the names of its parts, then its sheet's rows sorted,
    /// without row and cell references and without the first cell (the running number).
    static func comparableXLSX(_ bytes: [UInt8]) -> Data {
        var parts: [String] = []
        var index = 0
        // Local file headers of the zip: "PK\u{3}\u{4}", then the name at offset 30.
        while index + 30 <= bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4B, bytes[index + 2] == 3, bytes[index + 3] == 4 {
                let length = Int(bytes[index + 26]) | Int(bytes[index + 27]) << 8
                if index + 30 + length <= bytes.count { parts.append(String(decoding: bytes[(index + 30)..<(index + 30 + length)], as: UTF8.self)) }
                index += 30 + length
            } else {
                index += 1
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var rows: [String] = []
        if let open = text.range(of: "<sheetData>"), let close = text.range(of: "</sheetData>", range: open.upperBound..<text.endIndex) {
            let sheet = String(text[open.upperBound..<close.lowerBound])
            for row in sheet.components(separatedBy: "</row>") where row.contains("<c ") {
                var cells = row.components(separatedBy: "<c ").dropFirst().map { cell in
                    cell.replacingOccurrences(of: #"^r="[A-Z]+[0-9]+" ?"#, with: "", options: .regularExpression)
                }
                if !cells.isEmpty { cells.removeFirst() }
                rows.append(cells.joined(separator: "|"))
            }
        }
        let header = rows.isEmpty ? [] : [rows.removeFirst()]
        return Data((parts + ["--"] + header + rows.sorted()).joined(separator: "\n").utf8)
    }
}
