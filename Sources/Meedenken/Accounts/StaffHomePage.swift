struct StaffHomePage: Encodable {
    struct Card: Encodable {
        let href: String
        let title: String
        let text: String
    }

    let layout: LayoutContext
    let greeting: String
    let roleLabel: String
    let cards: [Card]
    let hasCards: Bool
    let recoveryCodesLow: Bool
    let accountHref: String
    /// Questionnaires with open answers flagged for danger words, not yet reviewed.
    let dangerLinks: [Card]
    /// Audiences whose people get nothing at a closure because no exit questionnaire is open
    /// for them: said loudly, never silently.
    let missingQuestionnaires: [String]
    let questionnairesHref: String
}
