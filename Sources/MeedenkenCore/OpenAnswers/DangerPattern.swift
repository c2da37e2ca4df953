import Foundation

/// One entry of the danger list, as an administrator writes it:
///
/// - `zelfmoord*`: a word, or with `*` any word that starts so (`zelfmoordgedachten`).
/// - `dood willen`: all words within a few words of each other in one clause, in any order
///   ("ik wil dood", "dood wil ik"). An infinitive the lexicon knows stands for its forms
///   (`willen`: wil, wilde, wou …); any other word for itself only.
/// - `slaan @mij`, `bang voor @thuis`: `@` names a group of words (`DangerLexicon.groups`).
/// - `pijn|zeer doen @mij`: `|` separates words that may stand in the same place.
/// - `"zitten aan @mij"`: in quotes, the words must stand exactly so, in this order ("hij zit
///   aan me", not "hij zat aan tafel met ons").
/// - `!lachen me dood`: an exception. Words that read exactly so, in this order, are set aside
///   before the other entries look ("ik lach me dood" says nothing about danger).
public struct DangerPattern: Hashable, Sendable {
    /// What one place of the pattern accepts.
    struct Term: Hashable, Sendable {
        var words: Set<String> = []
        var prefixes: [String] = []

        func accepts(_ token: DangerText.Token) -> Bool {
            token.readings.contains { reading in words.contains(reading) || prefixes.contains { reading.hasPrefix($0) } }
        }
    }

    /// The entry as written, shown to the coordinator as the reason for a flag.
    public let source: String
    public let isException: Bool
    /// Quoted: the words next to each other, in order.
    public let isExact: Bool
    let terms: [Term]

    /// How far apart the words of an entry may stand: one more word than the entry has, plus
    /// three ("ik wil echt gewoon dood").
    var span: Int { terms.count + 3 }

    /// Nil when the entry says nothing (empty) or names a group that does not exist.
    public init?(_ entry: String) {
        var text = entry.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        source = text
        isException = text.hasPrefix("!")
        if isException { text.removeFirst() }
        isExact = text.count > 2 && text.hasPrefix("\"") && text.hasSuffix("\"")
        var terms: [Term] = []
        for part in DangerText.readableWords(text) {
            var term = Term()
            for choice in part.split(separator: "|").map(String.init) {
                if choice.hasPrefix("@") {
                    guard let group = DangerLexicon.groups[String(choice.dropFirst())] else { return nil }
                    term.words.formUnion(group)
                } else if choice.hasSuffix("*") {
                    let start = String(choice.dropLast())
                    guard !start.isEmpty, !start.contains("*"), !start.contains("@") else { return nil }
                    term.prefixes.append(start)
                } else if !choice.contains("*"), !choice.contains("@") {
                    term.words.formUnion(DangerLexicon.forms[choice] ?? [choice])
                } else {
                    return nil
                }
            }
            guard !term.words.isEmpty || !term.prefixes.isEmpty else { return nil }
            terms.append(term)
        }
        guard !terms.isEmpty else { return nil }
        self.terms = terms
    }

    /// Whether the entry is found in `clause`, ignoring the tokens in `setAside`.
    func isFound(in clause: [DangerText.Token], setAside: Set<Int>) -> Bool {
        if isExact { return exactOccurrences(in: clause).contains { setAside.isDisjoint(with: $0) } }
        let places = terms.map { term in clause.indices.filter { !setAside.contains($0) && term.accepts(clause[$0]) } }
        guard places.allSatisfy({ !$0.isEmpty }) else { return false }
        for start in clause.indices {
            let window = start..<(start + span)
            if assign(places.map { $0.filter(window.contains) }, taken: []) { return true }
        }
        return false
    }

    /// Each term its own token (a word counts once), by trying the few possibilities there are.
    private func assign(_ places: [[Int]], taken: Set<Int>) -> Bool {
        guard let first = places.first else { return true }
        return first.contains { place in
            !taken.contains(place) && assign(Array(places.dropFirst()), taken: taken.union([place]))
        }
    }

    /// The token positions of each place where an exception reads exactly, in order.
    func exactOccurrences(in clause: [DangerText.Token]) -> [Range<Int>] {
        guard clause.count >= terms.count else { return [] }
        return (0...(clause.count - terms.count)).compactMap { start in
            let range = start..<(start + terms.count)
            return zip(terms, range).allSatisfy { $0.accepts(clause[$1]) } ? range : nil
        }
    }
}

extension DangerText {
    /// An entry's words: folded like the text, but keeping `*`, `|`, `@` and `!`.
    static func readableWords(_ entry: String) -> [String] {
        entry.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "nl_NL"))
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "’", with: "")
            .split { !$0.isLetter && !$0.isNumber && !"*|@".contains($0) }.map(String.init)
    }
}

/// The whole danger list, read once: exceptions first, then the entries.
public struct DangerPatterns: Sendable {
    public let entries: [DangerPattern]
    public let exceptions: [DangerPattern]
    /// Entries that could not be read (an unknown `@group`, only punctuation).
    public let unreadable: [String]

    public init(_ list: [String]) {
        var entries: [DangerPattern] = []
        var exceptions: [DangerPattern] = []
        var unreadable: [String] = []
        for item in list where !item.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let pattern = DangerPattern(item) else {
                unreadable.append(item)
                continue
            }
            if pattern.isException { exceptions.append(pattern) } else { entries.append(pattern) }
        }
        self.entries = entries
        self.exceptions = exceptions
        self.unreadable = unreadable
    }

    /// The list read once and kept: every open answer of every response is checked against
    /// the same list, and reading it costs more than checking one answer.
    public static func compiled(_ list: [String]) -> DangerPatterns {
        lastCompiled.withLock { last in
            if let last, last.list == list { return last.patterns }
            let patterns = DangerPatterns(list)
            last = (list, patterns)
            return patterns
        }
    }

    private static let lastCompiled = LockedValue<(list: [String], patterns: DangerPatterns)?>(nil)

    /// The entries found in `text`, as written in the list, each once.
    public func matches(in text: String) -> [String] {
        let clauses = DangerText(text).clauses
        var found: [String] = []
        for clause in clauses {
            var setAside: Set<Int> = []
            for exception in exceptions {
                for range in exception.exactOccurrences(in: clause) { setAside.formUnion(range) }
            }
            for entry in entries where !found.contains(entry.source) && entry.isFound(in: clause, setAside: setAside) {
                found.append(entry.source)
            }
        }
        return found
    }
}

/// A value behind a lock, for the one cache above (MeedenkenCore has no NIO).
final class LockedValue<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
