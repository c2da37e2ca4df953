import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct ClosureImportPage: Encodable {
    struct Row: Encodable {
        let line: Int
        let reference: String
        let isImported: Bool
        let message: String
    }

    /// One column of the file, explained.
    struct ColumnHelp: Encodable {
        let name: String
        let alsoAccepted: String
        let isRequired: Bool
        let meaning: String
    }

    struct KnownTeam: Encodable {
        let name: String
        let region: String
    }

    let layout: LayoutContext
    let formAction: String
    let columns: String
    let columnHelp: [ColumnHelp]
    let example: String
    let teams: [KnownTeam]
    let pasted: String
    let errors: FormErrors
    let hasReport: Bool
    let summary: String
    /// Audiences without an open questionnaire whose people got nothing: said loudly.
    let warnings: [String]
    let rows: [Row]
}
