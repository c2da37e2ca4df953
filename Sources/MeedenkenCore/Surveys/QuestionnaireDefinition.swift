/// A questionnaire as its author defines it: the structure of one version. Also the JSON
/// document that is exported and imported (docs/questionnaire-schema.md).
public struct QuestionnaireDefinition: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case exit
        case satisfactionWave = "satisfaction_wave"
        case topical
        case meetingEvaluation = "meeting_evaluation"
    }

    public enum Audience: String, Codable, CaseIterable, Sendable {
        case child8to11 = "child_8_11"
        case youth12plus = "youth_12_plus"
        case parent
        case fosterParent = "foster_parent"
    }

    public var key: String
    public var kind: Kind
    public var audience: Audience
    /// Anonymous answers cannot be linked to a person; confidential ones say who sees them.
    public var anonymous: Bool
    public var title: LocalizedText
    public var introduction: LocalizedText?
    public var pages: [QuestionPage]

    public init(
        key: String, kind: Kind, audience: Audience, anonymous: Bool = true, title: LocalizedText,
        introduction: LocalizedText? = nil, pages: [QuestionPage]
    ) {
        self.key = key
        self.kind = kind
        self.audience = audience
        self.anonymous = anonymous
        self.title = title
        self.introduction = introduction
        self.pages = pages
    }

    enum CodingKeys: String, CodingKey { case key, kind, audience, anonymous, title, introduction, pages }

    /// `anonymous` may be left out of a document; it defaults to true (docs/questionnaire-schema.md).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        kind = try container.decode(Kind.self, forKey: .kind)
        audience = try container.decode(Audience.self, forKey: .audience)
        anonymous = try container.decodeIfPresent(Bool.self, forKey: .anonymous) ?? true
        title = try container.decode(LocalizedText.self, forKey: .title)
        introduction = try container.decodeIfPresent(LocalizedText.self, forKey: .introduction)
        pages = try container.decode([QuestionPage].self, forKey: .pages)
    }

    public var questions: [Question] { pages.flatMap(\.questions) }

    public func question(_ key: String) -> Question? { questions.first { $0.key == key } }
}

public struct QuestionPage: Codable, Hashable, Sendable {
    public var key: String
    public var title: LocalizedText?
    public var condition: Condition?
    public var questions: [Question]

    public init(key: String, title: LocalizedText? = nil, condition: Condition? = nil, questions: [Question]) {
        self.key = key
        self.title = title
        self.condition = condition
        self.questions = questions
    }
}

public struct Question: Codable, Hashable, Sendable {
    public var key: String
    public var type: QuestionType
    public var text: LocalizedText
    public var help: LocalizedText?
    public var required: Bool
    /// Offer "weet ik niet" (reported apart, never in a mean).
    public var allowsDontKnow: Bool
    /// Offer "niet van toepassing".
    public var allowsNotApplicable: Bool
    public var theme: String?
    /// Only for single and multiple choice; other types bring their scale.
    public var options: [AnswerOption]?
    /// Only for smiley scales: labels that fit this question ("Nee / Een beetje / Ja" for "Do you
    /// feel safe at home?"), keyed by the scale's option key. A face without one keeps the standard
    /// label. The keys, and so the stored answers and results, stay the scale's own.
    public var scaleLabels: [String: LocalizedText]?
    public var condition: Condition?

    public init(
        key: String, type: QuestionType, text: LocalizedText, help: LocalizedText? = nil, required: Bool = false,
        allowsDontKnow: Bool = false, allowsNotApplicable: Bool = false, theme: String? = nil,
        options: [AnswerOption]? = nil, scaleLabels: [String: LocalizedText]? = nil, condition: Condition? = nil
    ) {
        self.key = key
        self.type = type
        self.text = text
        self.help = help
        self.required = required
        self.allowsDontKnow = allowsDontKnow
        self.allowsNotApplicable = allowsNotApplicable
        self.theme = theme
        self.options = options
        self.scaleLabels = scaleLabels
        self.condition = condition
    }

    /// The options a respondent chooses from, in order, with this question's own scale labels.
    public var answerOptions: [AnswerOption] {
        var all = type.hasAuthoredOptions ? (options ?? []) : StandardScales.options(for: type).map(labelled)
        if type == .friendsAndFamily { all.append(StandardScales.friendsAndFamilyDontKnow) }
        return all
    }

    /// A scale option with the label this question gives it, if any.
    private func labelled(_ option: AnswerOption) -> AnswerOption {
        guard type.allowsScaleLabels, let label = scaleLabels?[option.key] else { return option }
        return AnswerOption(key: option.key, label: label)
    }

    enum CodingKeys: String, CodingKey {
        case key, type, text, help, required, allowsDontKnow, allowsNotApplicable, theme, options, scaleLabels, condition
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        type = try container.decode(QuestionType.self, forKey: .type)
        text = try container.decode(LocalizedText.self, forKey: .text)
        help = try container.decodeIfPresent(LocalizedText.self, forKey: .help)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        allowsDontKnow = try container.decodeIfPresent(Bool.self, forKey: .allowsDontKnow) ?? false
        allowsNotApplicable = try container.decodeIfPresent(Bool.self, forKey: .allowsNotApplicable) ?? false
        theme = try container.decodeIfPresent(String.self, forKey: .theme)
        options = try container.decodeIfPresent([AnswerOption].self, forKey: .options)
        scaleLabels = try container.decodeIfPresent([String: LocalizedText].self, forKey: .scaleLabels)
        condition = try container.decodeIfPresent(Condition.self, forKey: .condition)
    }
}

public struct AnswerOption: Codable, Hashable, Sendable {
    public var key: String
    public var label: LocalizedText

    public init(key: String, label: LocalizedText) {
        self.key = key
        self.label = label
    }

    init(_ key: String, nl: String, en: String) {
        self.init(key: key, label: LocalizedText(nl: nl, en: en))
    }
}
