/// The results page of one questionnaire: typed context, built by `ResultsPageBuilder`.
struct ResultsPage: Encodable {
    struct FilterSelect: Encodable {
        let name: String
        let label: String
        let options: [SelectOption]
    }

    struct ResponseRow: Encodable {
        let label: String
        let isTeam: Bool
        let invited: String
        let completed: String
        let rate: String
    }

    struct ThemeRow: Encodable {
        let name: String
        let score: String
        let answers: String
        let isHidden: Bool
        let isFew: Bool
    }

    struct OptionRow: Encodable {
        let label: String
        let count: String
        let percentage: String
    }

    struct Figure: Encodable {
        let label: String
        let value: String
    }

    struct BreakdownRow: Encodable {
        let label: String
        let isTeam: Bool
        let respondents: String
        let main: String
        let positive: String
        let isHidden: Bool
        let isFew: Bool
    }

    struct QuestionSection: Encodable {
        let key: String
        let text: String
        let theme: String?
        let isHidden: Bool
        let isFew: Bool
        let isText: Bool
        let respondents: String
        let options: [OptionRow]
        let hasOptions: Bool
        let chart: ResultChart?
        let figures: [Figure]
        let apart: String?
        let breakdown: [BreakdownRow]
        let hasBreakdown: Bool
        let mainHeading: String
        let positiveHeading: String
        /// Open answers: coded themes and tones with counts, and a few reviewed, masked quotes.
        var codedThemes: [Figure] = []
        var quotes: [String] = []
        var hasCoded = false
    }

    struct PeriodRow: Encodable {
        let period: String
        let respondents: String
        let scores: [String]
    }

    /// People and theme scores over time, by quarter or month, as a table and a line chart.
    struct PeriodSection: Encodable {
        struct Choice: Encodable {
            let label: String
            let href: String
            let isCurrent: Bool
        }

        let heading: String
        let column: String
        let themes: [String]
        let rows: [PeriodRow]
        let chart: ResultTrendChart?
        let choices: [Choice]
        let hasRows: Bool
    }

    struct ChangesSection: Encodable {
        let previousTitle: String
        let currentRespondents: String
        let previousRespondents: String
        let questions: [WaveComparisonPage.Row]
        let themes: [WaveComparisonPage.Row]
        let hasThemes: Bool
        let compareHref: String
    }

    let layout: LayoutContext
    let title: String
    let backHref: String
    let formAction: String
    let placeOptions: [SelectOption]
    let selects: [FilterSelect]
    let problems: [String]
    let hasProblems: Bool
    let minimumGroupSize: Int
    let respondents: String
    let isHidden: Bool
    let isFew: Bool
    let viewName: String
    let responseRows: [ResponseRow]
    let hasResponseRows: Bool
    let themes: [ThemeRow]
    let hasThemes: Bool
    let questions: [QuestionSection]
    let periods: PeriodSection?
    /// Changes since the previous wave, when one is set.
    let changes: ChangesSection?
    /// Coordinators choose the previous wave here.
    let previousWaveAction: String?
    let previousWaveOptions: [SelectOption]
    let compareAction: String
    let compareOptions: [SelectOption]
    let hasCompareOptions: Bool
    let aggregateCSVHref: String
    let aggregateSemicolonHref: String
    let aggregateJSONHref: String
    let respondentExports: [Figure]
    let canExportRespondents: Bool
    let openAnswersHref: String?
    let pendingOpenAnswers: Int
    let publishAction: String?
    let isPublished: Bool
    let publicHref: String
}

struct IndexPage: Encodable {
    struct Row: Encodable {
        let title: String
        let kind: String
        let audience: String
        let href: String
    }

    let layout: LayoutContext
    let rows: [Row]
    let hasRows: Bool
}
