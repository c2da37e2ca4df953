/// The start page of a questionnaire: what it is about, who sees the answers, where to go for help.
struct AnswerStartPage: Encodable {
    let layout: LayoutContext
    let title: String
    let introduction: String?
    /// Who sees the answers, in words for the questionnaire's audience.
    let privacy: PrivacyNotice
    let isOpen: Bool
    let formAction: String
    /// Where to get help now, by the questionnaire's audience.
    let help: HelpNow
    /// Why the start page shows again: an idle draft was deleted, or the person cleared theirs.
    let notice: String?
    /// The respondent started before and their draft is still there: "carry on where you were".
    let isResuming: Bool
}

/// One page of questions.
struct AnswerPage: Encodable {
    let layout: LayoutContext
    let title: String
    let pageTitle: String?
    let progressText: String
    let progressValue: Int
    let progressMax: Int
    let formAction: String
    /// Where the page's script saves what is typed as it goes (`bewaren.js`).
    let saveAction: String
    let pageKey: String
    /// The question keys on the page as shown, so a post can tell when a follow-up appeared.
    let shownKeys: String
    /// Answers from earlier pages, for conditions the browser evaluates.
    let earlierAnswersJSON: String
    /// The "don't know" and "not applicable" values, which answer without choosing.
    let specialValuesJSON: String
    let hasPrevious: Bool
    let isLast: Bool
    let questions: [QuestionView]
    let errors: FormErrors
    /// "Stop and clear" (open link only: a shared device).
    let clearAction: String?
}

/// A question as the template draws it: flags instead of logic, options with their state.
struct QuestionView: Encodable {
    struct Option: Encodable {
        let id: String
        let value: String
        /// The accessible name; the face beside it is decorative.
        let label: String
        /// Drawn for the faces of a smiley scale.
        let face: SmileyFace?
        let isSelected: Bool
    }

    let id: String
    /// The question's key, for the browser's condition script.
    let key: String
    /// The show-condition as JSON (the same document the server evaluates), or nil.
    let conditionJSON: String?
    /// Not shown now: its condition does not hold (yet). Rendered hidden so the script can reveal it.
    let isHidden: Bool
    let field: String
    let text: String
    let help: String?
    let error: String?
    let required: Bool
    let isRadio: Bool
    let isCheckbox: Bool
    let isShortText: Bool
    let isLongText: Bool
    let isRow: Bool
    /// Options as large tiles with a face (a smiley scale), for children.
    let isSmiley: Bool
    let options: [Option]
    let textValue: String
}

struct AnswerThanksPage: Encodable {
    let layout: LayoutContext
    let title: String
    /// Prominent right after an answer that may signal danger (known to that request only).
    let help: HelpNow
}
