import Foundation

/// A first proposal for masking an open answer before anyone else reads it: e-mail addresses,
/// phone numbers, long numbers (case numbers, postcodes with house numbers) and capitalised words
/// inside a sentence (likely names) become placeholders. The coordinator always reads and edits
/// the proposal; this only saves typing and makes the usual things hard to miss.
public enum TextMasking {
    public static let namePlaceholder = "[naam]"
    public static let detailPlaceholder = "[gegeven]"

    public static func proposal(for text: String) -> String {
        var result = text
        result = replace(#"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, in: result, with: detailPlaceholder)
        result = replace(#"(\+31|0)[\s-]?[1-9]([\s-]?[0-9]){7,9}"#, in: result, with: detailPlaceholder)
        result = replace(#"\b[1-9][0-9]{3}\s?[A-Za-z]{2}\b"#, in: result, with: detailPlaceholder)
        result = replace(#"\b[0-9]{5,}\b"#, in: result, with: detailPlaceholder)
        return maskNames(result)
    }

    private static func replace(_ pattern: String, in text: String, with placeholder: String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: NSRegularExpression.escapedTemplate(for: placeholder))
    }

    /// Capitalised words that do not start a sentence. Words everyone writes with a capital in
    /// this field (the organisation's own words are not known here) are left alone.
    private static let keep: Set<String> = ["Ik", "Jeugdzorg", "Veilig", "Thuis", "Nederland", "Nederlands", "Engels", "Mijn", "Jij", "Wij"]

    private static func maskNames(_ text: String) -> String {
        var output = ""
        var sentenceStart = true
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if !sentenceStart, let first = word.first, first.isUppercase, word.count > 1, !keep.contains(word), !word.hasPrefix("[") {
                output += namePlaceholder
            } else {
                output += word
            }
            sentenceStart = false
            word = ""
        }
        for character in text {
            if character.isLetter || character == "[" || character == "]" || character == "'" || character == "-" {
                word.append(character)
            } else {
                flush()
                output.append(character)
                if ".!?\n".contains(character) { sentenceStart = true }
            }
        }
        flush()
        return output.replacingOccurrences(of: "\(namePlaceholder) \(namePlaceholder)", with: namePlaceholder)
    }
}
