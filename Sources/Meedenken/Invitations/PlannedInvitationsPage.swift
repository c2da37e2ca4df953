import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct PlannedInvitationsPage: Encodable {
    struct Row: Encodable {
        let reference: String
        let team: String
        let audience: String
        let address: String
        let sendOn: String
        let cancelAction: String
        let cancelLabel: String
    }

    let layout: LayoutContext
    let intro: String
    let notice: String?
    let error: String?
    let rows: [Row]
    let hasRows: Bool
}
