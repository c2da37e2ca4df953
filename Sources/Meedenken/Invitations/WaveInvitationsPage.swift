import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct WavePage: Encodable {
    let layout: LayoutContext
    let title: String
    let formAction: String
    let statisticsHref: String
    let columns: String
    let startsOn: String
    let endsOn: String
    let pasted: String
    let isClosed: Bool
    let errors: FormErrors
    let hasReport: Bool
    let summary: String
    let rows: [ClosureImportPage.Row]
}
