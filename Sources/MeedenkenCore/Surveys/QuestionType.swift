/// The kinds of question a questionnaire can ask (DOMAIN.md, "Questionnaires and scales").
public enum QuestionType: String, Codable, CaseIterable, Sendable {
    case singleChoice = "single_choice"
    case multipleChoice = "multiple_choice"
    /// nooit / soms / meestal / altijd
    case frequency4 = "frequency_4"
    /// helemaal oneens … helemaal eens
    case agree5 = "agree_5"
    /// Three faces, always with a text label.
    case smiley3 = "smiley_3"
    /// Five faces, always with a text label.
    case smiley5 = "smiley_5"
    /// Rapportcijfer 1–10 (5.5 is a pass).
    case reportMark = "report_mark"
    /// 0–10, "how likely would you recommend …" (NPS).
    case recommendation = "recommendation"
    /// The Friends and Family Test: very good … very poor, don't know.
    case friendsAndFamily = "friends_and_family"
    case yesNo = "yes_no"
    case shortText = "short_text"
    case longText = "long_text"

    /// Types whose options the questionnaire author writes; the others bring a fixed scale.
    public var hasAuthoredOptions: Bool { self == .singleChoice || self == .multipleChoice }

    /// Smiley scales may say their faces in words that fit the question (`Question.scaleLabels`).
    public var allowsScaleLabels: Bool { self == .smiley3 || self == .smiley5 }

    public var isText: Bool { self == .shortText || self == .longText }

    /// Types answered with a number from a range.
    public var numericRange: ClosedRange<Int>? {
        switch self {
        case .reportMark: 1...10
        case .recommendation: 0...10
        default: nil
        }
    }

    /// Longest text accepted, in characters.
    public var maximumTextLength: Int? {
        switch self {
        case .shortText: 200
        case .longText: 5_000
        default: nil
        }
    }
}
