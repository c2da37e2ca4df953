struct QuestionnairesPage: Encodable {
    struct Row: Encodable {
        let title: String
        let kind: String
        let audience: String
        let version: Int
        let responses: Int
        let status: String
        let href: String
    }

    let layout: LayoutContext
    let rows: [Row]
    let hasRows: Bool
    let importHref: String
    let newHref: String
    let startersAction: String
}

struct ImportPage: Encodable {
    struct Problem: Encodable {
        let pointer: String
        let message: String
    }

    /// One field of the document format, explained.
    struct FieldHelp: Encodable {
        let field: String
        let meaning: String
    }

    let layout: LayoutContext
    let formAction: String
    let document: String
    let problems: [Problem]
    let hasProblems: Bool
    let errors: FormErrors
    let backHref: String
    let fields: [FieldHelp]
    let example: String
}

struct QuestionnaireDetailPage: Encodable {
    struct VersionRow: Encodable {
        let number: Int
        let questions: Int
        let responses: Int
    }

    let layout: LayoutContext
    let title: String
    let kind: String
    let audience: String
    let anonymousText: String
    let isOpen: Bool
    let openLink: String
    let statusAction: String
    let documentHref: String
    let editHref: String
    let paperHref: String
    let posterHref: String
    let invitationsHref: String
    let versions: [VersionRow]
    let backHref: String
}
