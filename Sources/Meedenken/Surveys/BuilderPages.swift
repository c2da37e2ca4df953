/// Page contexts of the questionnaire builder.
struct NewQuestionnairePage: Encodable {
    let layout: LayoutContext
    let formAction: String
    let backHref: String
    let key: String
    let titleNL: String
    let titleEN: String
    let kinds: [SelectOption]
    let audiences: [SelectOption]
    let errors: FormErrors
}

struct EditorPage: Encodable {
    struct QuestionRow: Encodable {
        let key: String
        let number: Int
        let text: String
        let type: String
        let isRequired: Bool
        let condition: String?
        let editHref: String
        let canMoveUp: Bool
        let canMoveDown: Bool
    }

    struct PageRow: Encodable {
        let key: String
        let number: Int
        let questions: [QuestionRow]
    }

    let layout: LayoutContext
    let title: String
    let kind: String
    let audience: String
    let isFrozen: Bool
    let frozenNote: String
    let formAction: String
    let backHref: String
    let previewDutchHref: String
    let previewEnglishHref: String
    let titleNL: String
    let titleEN: String
    let introNL: String
    let introEN: String
    let anonymous: Bool
    let pages: [PageRow]
    let types: [SelectOption]
    let bankItems: [SelectOption]
    let bankHref: String
    let errors: FormErrors
}

struct QuestionEditorPage: Encodable {
    let layout: LayoutContext
    let key: String
    let formAction: String
    let backHref: String
    let textNL: String
    let textEN: String
    let helpNL: String
    let helpEN: String
    let types: [SelectOption]
    let isRequired: Bool
    let allowsDontKnow: Bool
    let allowsNotApplicable: Bool
    let themes: [SelectOption]
    let options: String
    let condition: String
    /// The saved condition in words ("Dat betekent: alleen als …"); empty without one.
    let conditionMeaning: String
    /// Keys a condition may look at (questions before this one).
    let earlierQuestions: String
    let bankAction: String
    let source: String
    let licence: String
    let errors: FormErrors
}

struct PreviewPage: Encodable {
    struct PreviewQuestionPage: Encodable {
        let number: Int
        let title: String?
        let questions: [QuestionView]
    }

    struct Link: Encodable {
        let href: String
        let label: String
        let isCurrent: Bool
    }

    let layout: LayoutContext
    let title: String
    let introduction: String?
    let audience: String
    let languageName: String
    let previewLanguage: String
    let backHref: String
    let languages: [Link]
    let otherAudiences: [Link]
    let hasOtherAudiences: Bool
    let pages: [PreviewQuestionPage]
}

struct QuestionBankPage: Encodable {
    struct Row: Encodable {
        let key: String
        let text: String
        let type: String
        let theme: String
        let audiences: String
        let source: String
        let licence: String
    }

    let layout: LayoutContext
    let rows: [Row]
}
