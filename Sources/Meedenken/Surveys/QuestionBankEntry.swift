import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

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
