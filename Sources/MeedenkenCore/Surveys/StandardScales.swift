/// The fixed answer scales, in order from least to most favourable, in our own wording (not
/// copied from licensed instruments). Keys are stored with answers; labels are shown.
public enum StandardScales {
    public static func options(for type: QuestionType) -> [AnswerOption] {
        switch type {
        case .frequency4:
            return [
                .init("never", nl: "Nooit", en: "Never"), .init("sometimes", nl: "Soms", en: "Sometimes"),
                .init("mostly", nl: "Meestal", en: "Mostly"), .init("always", nl: "Altijd", en: "Always"),
            ]
        case .agree5:
            return [
                .init("strongly_disagree", nl: "Helemaal oneens", en: "Strongly disagree"),
                .init("disagree", nl: "Oneens", en: "Disagree"),
                .init("neutral", nl: "Niet eens, niet oneens", en: "Neither agree nor disagree"),
                .init("agree", nl: "Eens", en: "Agree"),
                .init("strongly_agree", nl: "Helemaal eens", en: "Strongly agree"),
            ]
        case .smiley3:
            return [
                .init("sad", nl: "Niet fijn", en: "Not nice"), .init("neutral", nl: "Gaat wel", en: "Okay"),
                .init("happy", nl: "Fijn", en: "Nice"),
            ]
        case .smiley5:
            return [
                .init("very_sad", nl: "Heel vervelend", en: "Very bad"), .init("sad", nl: "Vervelend", en: "Bad"),
                .init("neutral", nl: "Gaat wel", en: "Okay"), .init("happy", nl: "Fijn", en: "Good"),
                .init("very_happy", nl: "Heel fijn", en: "Very good"),
            ]
        case .friendsAndFamily:
            return [
                .init("very_poor", nl: "Heel slecht", en: "Very poor"), .init("poor", nl: "Slecht", en: "Poor"),
                .init("neither", nl: "Niet goed, niet slecht", en: "Neither good nor poor"),
                .init("good", nl: "Goed", en: "Good"), .init("very_good", nl: "Heel goed", en: "Very good"),
            ]
        case .yesNo:
            return [.init("no", nl: "Nee", en: "No"), .init("yes", nl: "Ja", en: "Yes")]
        case .reportMark:
            return (1...10).map { .init(String($0), nl: String($0), en: String($0)) }
        case .recommendation:
            return (0...10).map { .init(String($0), nl: String($0), en: String($0)) }
        case .singleChoice, .multipleChoice, .shortText, .longText:
            return []
        }
    }

    /// The Friends and Family Test also offers "don't know", which is never counted as an opinion.
    public static let friendsAndFamilyDontKnow = AnswerOption("dont_know", nl: "Weet ik niet", en: "Don't know")
}
