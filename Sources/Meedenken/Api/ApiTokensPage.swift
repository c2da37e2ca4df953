import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct ApiTokensPage: Encodable {
    struct Row: Encodable {
        let name: String
        let scopes: String
        let created: String
        let lastUsed: String
        let isRevoked: Bool
        let revokeAction: String
    }

    struct ScopeChoice: Encodable {
        let value: String
        let label: String
        let isChecked: Bool
    }

    let layout: LayoutContext
    let formAction: String
    let rows: [Row]
    let hasRows: Bool
    let scopes: [ScopeChoice]
    let name: String
    let newToken: String?
    let hasNewToken: Bool
    let openAPIHref: String
    let errors: FormErrors
}
