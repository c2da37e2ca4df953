import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct OutboxPage: Encodable {
    struct Row: Encodable {
        let recipient: String
        let kind: String
        let status: String
        let attempts: Int
        let error: String
    }

    let layout: LayoutContext
    let pending: Int
    let sent: Int
    let failed: Int
    let problems: [Row]
    let hasProblems: Bool
    let mailPreviewHref: String
}
