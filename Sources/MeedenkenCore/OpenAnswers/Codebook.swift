import Foundation

/// The themes open answers are coded with (the same list as the questions' themes) and, per
/// theme, Dutch word stems that suggest it: "bereikba" finds "bereikbaar" and "onbereikbaar"
/// alike. Suggestions only: a coordinator accepts, changes or adds codes.
public struct Codebook: Codable, Hashable, Sendable {
    public var stems: [String: [String]]
    /// Patterns that suggest danger (a configurable list, see `DangerPattern`); an answer with one
    /// is flagged at once.
    public var dangerWords: [String]

    public init(stems: [String: [String]], dangerWords: [String]) {
        self.stems = stems
        self.dangerWords = dangerWords
    }

    /// Themes whose stems occur at the start of a word of the text, in the order of `Theme.defaults`
    /// (then any others, by key).
    public func suggestedThemes(for text: String) -> [String] {
        let words = Self.words(text)
        let order = Theme.defaults.map(\.key)
        return stems.filter { _, stems in
            stems.contains { stem in
                let stem = stem.lowercased()
                return !stem.isEmpty && words.contains { $0.hasPrefix(stem) || ($0.count > stem.count + 2 && $0.contains(stem)) }
            }
        }.map(\.key).sorted { (order.firstIndex(of: $0) ?? Int.max, $0) < (order.firstIndex(of: $1) ?? Int.max, $1) }
    }

    /// The entries of the danger list found in the text, as written in the list. Entries are
    /// patterns (`DangerPattern`): word forms, word order and exceptions are taken into account.
    public func dangerMatches(in text: String) -> [String] {
        DangerPatterns.compiled(dangerWords).matches(in: text)
    }

    /// Lowercased words, diacritics folded so "geïnformeerd" meets "geinformeerd".
    static func words(_ text: String) -> [String] {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
            .split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// Stems as an editor shows them: one line per theme would be too long, so comma-separated.
    public static func parseList(_ text: String) -> [String] {
        text.split { $0 == "," || $0 == "\n" }.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.filter { !$0.isEmpty }
    }
}

/// How an open answer sounds, set by the coordinator who reviews it.
public enum OpenAnswerTone: String, CaseIterable, Codable, Sendable {
    case positive
    case improvement
    case wish
    case neutral
}
