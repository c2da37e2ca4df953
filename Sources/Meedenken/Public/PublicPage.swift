struct PublicHomePage: Encodable {
    let layout: LayoutContext
    let organisationName: String
    let publishedHref: String
    /// "Denk mee": the sign-up to think along.
    let signUpHref: String
}

struct PrivacyPage: Encodable {
    let layout: LayoutContext
    /// The organisation's own statement, paragraph by paragraph (plain text, no HTML).
    let paragraphs: [String]
    let hasStatement: Bool
}

struct AccessibilityPage: Encodable {
    let layout: LayoutContext
}
