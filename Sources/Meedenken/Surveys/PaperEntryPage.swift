struct PaperEntryPage: Encodable {
    let layout: LayoutContext
    let title: String
    let formAction: String
    /// One-time token of this form, so a double click stores the paper questionnaire once.
    let entryToken: String
    let languages: [SelectOption]
    let questions: [QuestionView]
    let saved: Bool
    let errors: FormErrors
    let backHref: String
}
