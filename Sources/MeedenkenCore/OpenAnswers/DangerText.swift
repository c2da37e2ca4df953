import Foundation

/// An open answer as the danger check reads it: lowercased, accents folded ("suïcide" meets
/// "suicide"), apostrophes dropped ("m'n" is "mn", "don't" is "dont"), cut into clauses at
/// sentence marks and commas, so that words from two different thoughts do not make one phrase.
/// Youths stretch words ("dooood", "wiiil"): a word with a letter three or more times in a row
/// also counts with that letter twice and once.
struct DangerText {
    struct Token: Hashable {
        /// The word as written (folded), then the stretched-letter readings, if any.
        let readings: [String]
    }

    let clauses: [[Token]]

    init(_ text: String) {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "").replacingOccurrences(of: "`", with: "")
        clauses = folded.split { ".!?;:,\n()\"".contains($0) }.map { clause in
            clause.split { !$0.isLetter && !$0.isNumber }.map { Token(readings: Self.readings(String($0))) }
        }.filter { !$0.isEmpty }
    }

    static func readings(_ word: String) -> [String] {
        var twice = ""
        var once = ""
        var longestRun = 0
        var run = 0
        var previous: Character?
        for character in word {
            run = character == previous ? run + 1 : 1
            longestRun = max(longestRun, run)
            if run <= 2 { twice.append(character) }
            if run == 1 { once.append(character) }
            previous = character
        }
        return longestRun >= 3 ? [word, twice, once] : [word]
    }
}
