import Fluent
import Foundation
import MeedenkenCore
import Vapor

/// The organisation's codebook as one stored document; until someone edits it, the shipped one
/// (`Resources/Codebook/codeboek.json`, our own stems).
final class CodebookRecord: Model, @unchecked Sendable {
    static let schema = "codebook"

    @ID(key: .id) var id: UUID?
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

struct CreateCodebook: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CodebookRecord.schema)
            .id()
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CodebookRecord.schema).delete()
    }
}

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
