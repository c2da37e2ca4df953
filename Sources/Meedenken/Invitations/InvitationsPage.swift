import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct InvitationsPage: Encodable {
    struct Row: Encodable {
        let team: String
        let counts: InvitationStatistics.Counts
        /// Completed of invited, in whole percents; completed moves in steps of the minimum.
        let responseRate: String
    }

    let layout: LayoutContext
    let title: String
    let backHref: String
    let rows: [Row]
    let hasRows: Bool
    let total: InvitationStatistics.Counts
    let importHref: String
    /// A satisfaction survey wave invites current clients from its own page.
    let waveHref: String?
    let totalResponseRate: String
}
