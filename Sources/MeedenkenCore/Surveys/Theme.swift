/// A theme that questions, open answers and meeting statements are coded with, so that for
/// example "bereikbaarheid" can be followed across questionnaires and over time. The list is the
/// organisation's own (editable); these are the themes DOMAIN.md finds across instruments.
public struct Theme: Codable, Hashable, Sendable {
    public let key: String
    public let name: LocalizedText

    public init(key: String, name: LocalizedText) {
        self.key = key
        self.name = name
    }

    public static let defaults: [Theme] = [
        Theme(key: "serieus_genomen", name: LocalizedText(nl: "Serieus genomen", en: "Taken seriously")),
        Theme(key: "bejegening", name: LocalizedText(nl: "Bejegening", en: "Respect")),
        Theme(key: "begeleiding", name: LocalizedText(nl: "Begeleiding", en: "Guidance")),
        Theme(key: "deskundigheid", name: LocalizedText(nl: "Deskundigheid", en: "Expertise")),
        Theme(key: "samen_beslissen", name: LocalizedText(nl: "Samen beslissen", en: "Deciding together")),
        Theme(key: "bereikbaarheid", name: LocalizedText(nl: "Bereikbaarheid", en: "Reachability")),
        Theme(key: "informatie", name: LocalizedText(nl: "Informatie", en: "Information")),
        Theme(key: "snelheid", name: LocalizedText(nl: "Snelheid van hulp", en: "Speed of help")),
        Theme(key: "samenwerking", name: LocalizedText(nl: "Samenwerking", en: "Cooperation")),
        Theme(key: "veiligheid", name: LocalizedText(nl: "Veiligheid", en: "Safety")),
        Theme(key: "thuissituatie", name: LocalizedText(nl: "Situatie thuis", en: "Situation at home")),
        Theme(key: "toekomst", name: LocalizedText(nl: "Vertrouwen in de toekomst", en: "Confidence in the future")),
        Theme(key: "resultaat", name: LocalizedText(nl: "Resultaat", en: "Result")),
        Theme(key: "algemeen", name: LocalizedText(nl: "Algemeen oordeel", en: "Overall")),
    ]
}
