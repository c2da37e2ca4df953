import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

enum CodebookStore {
    static func current(_ app: Application, on database: any Database) async throws -> Codebook {
        if let record = try await CodebookRecord.query(on: database).first() {
            return try JSONDecoder().decode(Codebook.self, from: Data(record.document.utf8))
        }
        return shipped(app)
    }

    static func shipped(_ app: Application) -> Codebook {
        let path = app.directory.resourcesDirectory + "Codebook/codeboek.json"
        guard let data = FileManager.default.contents(atPath: path), let codebook = try? JSONDecoder().decode(Codebook.self, from: data) else {
            return Codebook(stems: [:], dangerWords: [])
        }
        return codebook
    }

    static func save(_ codebook: Codebook, now: Date, on database: any Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let document = String(decoding: try encoder.encode(codebook), as: UTF8.self)
        let record = try await CodebookRecord.query(on: database).first() ?? CodebookRecord()
        record.document = document
        record.updatedAt = now
        try await record.save(on: database)
    }
}
