import Foundation

/// A place to get help now, shown on every respondent page (DESIGN §4.7). The organisation may
/// change names and numbers (another country, a regional line); what each line is for is said in
/// the string catalog (`help.line.<kind>`), so it stays in plain words in both languages.
public struct HelpLine: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        /// For children and youths only.
        case childLine = "kindertelefoon"
        case domesticAbuse = "veilig_thuis"
        case suicidePrevention = "zelfmoordpreventie"
        case emergency = "alarmnummer"
    }

    public var kind: Kind
    public var name: String
    /// As shown ("0800-0432"); an empty number hides the line.
    public var phone: String

    public init(kind: Kind, name: String, phone: String) {
        self.kind = kind
        self.name = name
        self.phone = phone
    }

    /// The lines in the Netherlands, in the order shown.
    public static let netherlands: [HelpLine] = [
        HelpLine(kind: .childLine, name: "De Kindertelefoon", phone: "0800-0432"),
        HelpLine(kind: .domesticAbuse, name: "Veilig Thuis", phone: "0800-2000"),
        HelpLine(kind: .suicidePrevention, name: "113 Zelfmoordpreventie", phone: "0800-0113"),
        HelpLine(kind: .emergency, name: "Alarmnummer", phone: "112"),
    ]

    /// Whether the line is for a respondent of this audience: the child line for children and
    /// youths, the others for everyone.
    public func isFor(_ audience: QuestionnaireDefinition.Audience) -> Bool {
        kind != .childLine || audience == .child8to11 || audience == .youth12plus
    }

    /// The number to dial, for a `tel:` link: digits and a leading +.
    public var dialable: String {
        let digits = phone.filter(\.isNumber)
        return phone.trimmingCharacters(in: .whitespaces).hasPrefix("+") ? "+" + digits : digits
    }

    /// A number as people write it: digits, spaces, dashes, a leading +; at most 20 characters.
    public static func isAcceptablePhone(_ phone: String) -> Bool {
        phone.count <= 20
            && phone.enumerated().allSatisfy { index, character in
                character.isASCII && (character.isNumber || character == " " || character == "-" || (character == "+" && index == 0))
            }
    }

    /// The organisation's lines, completed with the Dutch defaults for any kind not stored.
    public static func merged(_ stored: [HelpLine]) -> [HelpLine] {
        netherlands.map { line in stored.first { $0.kind == line.kind } ?? line }
    }
}
