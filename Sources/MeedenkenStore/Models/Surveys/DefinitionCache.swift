import FluentKit
import Foundation
import MeedenkenCore
import NIOConcurrencyHelpers

/// Decoded questionnaire documents by their JSON text, at most `limit` of them (cleared when full:
/// an organisation has a few dozen questionnaires, so this almost never happens).
package final class DefinitionCache: Sendable {
    package static let shared = DefinitionCache()
    private let entries = NIOLockedValueBox<[String: QuestionnaireDefinition]>([:])
    package let limit = 256

    package func get(_ json: String) -> QuestionnaireDefinition? { entries.withLockedValue { $0[json] } }

    package func set(_ json: String, _ definition: QuestionnaireDefinition) {
        entries.withLockedValue { entries in
            if entries.count >= limit { entries.removeAll() }
            entries[json] = definition
        }
    }
}
