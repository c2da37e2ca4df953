import Fluent
import Foundation
import MeedenkenCore
import Vapor

/// One question in the organisation's question bank, stored as its JSON with source and licence.
final class QuestionBankEntry: Model, @unchecked Sendable {
    static let schema = "question_bank_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "item") var itemJSON: String
    @OptionalField(key: "theme") var theme: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(item: QuestionBankItem, createdAt: Date) throws {
        self.key = item.question.key
        self.itemJSON = String(decoding: try JSONEncoder().encode(item), as: UTF8.self)
        self.theme = item.question.theme
        self.createdAt = createdAt
    }

    func item() throws -> QuestionBankItem {
        try JSONDecoder().decode(QuestionBankItem.self, from: Data(itemJSON.utf8))
    }
}

struct CreateQuestionBankEntry: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(QuestionBankEntry.schema)
            .id()
            .field("key", .string, .required)
            .field("item", .string, .required)
            .field("theme", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(QuestionBankEntry.schema).delete()
    }
}

/// The question bank: the shipped items (`Resources/QuestionBank/vragenbank.json`, in our own
/// words) plus what staff add. The shipped items are stored on first use.
enum QuestionBank {
    static func items(_ app: Application, on database: any Database, now: Date) async throws -> [QuestionBankItem] {
        if try await QuestionBankEntry.query(on: database).count() == 0 {
            let path = app.directory.resourcesDirectory + "QuestionBank/vragenbank.json"
            if let data = FileManager.default.contents(atPath: path) {
                for item in try JSONDecoder().decode(QuestionBankFile.self, from: data).items {
                    try await QuestionBankEntry(item: item, createdAt: now).create(on: database)
                }
            }
        }
        return try await QuestionBankEntry.query(on: database).sort(\.$theme).sort(\.$key).all().map { try $0.item() }
    }

    /// Adds an item; false when its key is taken already.
    static func add(_ item: QuestionBankItem, on database: any Database, now: Date) async throws -> Bool {
        guard try await QuestionBankEntry.query(on: database).filter(\.$key == item.question.key).count() == 0 else { return false }
        try await QuestionBankEntry(item: item, createdAt: now).create(on: database)
        return true
    }
}
