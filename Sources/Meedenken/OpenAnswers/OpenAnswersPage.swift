import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore
import Vapor

struct OpenAnswersPage: Encodable {
    struct Posted {
        let masked: String
        let themes: [String]
        let tone: String
    }

    struct Item: Encodable {
        let answerID: String
        let question: String
        let text: String
        let masked: String
        let isDanger: Bool
        let dangerWords: String
        let flagHref: String?
        let themes: [SelectOption]
        let tones: [SelectOption]
        let error: String?
    }

    let layout: LayoutContext
    let title: String
    let backHref: String
    let formAction: String
    let items: [Item]
    let hasItems: Bool
    let reviewedCount: Int
    let codebookHref: String
    let saved: Bool
    let notice: String?
}

struct CodebookPage: Encodable {
    struct ThemeRow: Encodable {
        let key: String
        let name: String
        let stems: String
    }

    let layout: LayoutContext
    let formAction: String
    let themes: [ThemeRow]
    let dangerWords: String
    let saved: Bool
    let error: String?
}
