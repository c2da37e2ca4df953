import Foundation

/// Counts kept up to date as responses come in, so results of a million responses are read from
/// a few thousand rows instead of twenty million. Exact, not estimated: a response and its
/// counts are written in one transaction, responses are never changed afterwards, and the
/// suppression runs on these counts exactly as on the raw rows. Open-answer texts are counted as
/// `text:` only.
///
/// Here what a response is counted by and how a batch is counted; the store writes the counts.
public enum ResultTallies {
    /// What a response is counted by: everything results can be filtered or broken down on.
    public struct Key: Hashable, Sendable {
        public let versionID: UUID
        /// The team's id as text, or "" for none (so the unique key has no NULL in it).
        public let team: String
        public let role: String
        public let ageBand: String
        public let language: String
        public let channel: String
        /// `2026-05`: months are the finest period results show; quarters are summed from them.
        public let month: String

        public init(versionID: UUID, teamID: UUID?, role: String, ageBand: String?, language: String, channel: String, submittedOn: String) {
            self.init(
                versionID: versionID, team: teamID?.uuidString.lowercased() ?? "", role: role, ageBand: ageBand ?? "-", language: language,
                channel: channel, month: String(submittedOn.prefix(7)))
        }

        private init(versionID: UUID, team: String, role: String, ageBand: String, language: String, channel: String, month: String) {
            self.versionID = versionID
            self.team = team
            self.role = role
            self.ageBand = ageBand
            self.language = language
            self.channel = channel
            self.month = month
        }

        /// The same order on every instance (a dictionary's order differs per process).
        public var order: String { [versionID.uuidString, team, role, ageBand, language, channel, month].joined(separator: "\u{1F}") }

        /// The key of `answer_totals`, which counts over all months.
        public var withoutMonth: Key {
            Key(versionID: versionID, team: team, role: role, ageBand: ageBand, language: language, channel: channel, month: "")
        }
    }

    /// One response to count.
    public struct Counted: Sendable {
        public let key: Key
        /// Question key and stored value.
        public let answers: [(String, String)]

        public init(key: Key, answers: [(String, String)]) {
            self.key = key
            self.answers = answers
        }
    }

    /// A question and a counted value.
    public struct QuestionValue: Hashable, Sendable {
        public let question: String
        public let value: String

        public var order: String { question + "\u{1F}" + value }
    }

    /// The respondents and answers of one key.
    public struct Counts: Sendable {
        public private(set) var respondents = 0
        public private(set) var answers: [QuestionValue: Int] = [:]

        public init() {}

        public mutating func add(_ answered: [(String, String)]) {
            respondents += 1
            for (question, value) in answered { answers[QuestionValue(question: question, value: countedValue(value)), default: 0] += 1 }
        }
    }

    /// What is counted of an answer: texts only as "an open answer".
    public static func countedValue(_ stored: String) -> String { stored.hasPrefix("text:") ? "text:" : stored }

    /// Responses counted per key (a batch of responses mostly shares one), so each answer is
    /// hashed by question and value only. In one order on every instance: two instances adding to
    /// the same counts then lock them in the same order and never wait on each other in a circle
    /// (a deadlock).
    public static func counts(of responses: [Counted]) -> [(key: Key, counts: Counts)] {
        var countsByKey: [Key: Counts] = [:]
        for response in responses { countsByKey[response.key, default: Counts()].add(response.answers) }
        return countsByKey.sorted { $0.key.order < $1.key.order }.map { (key: $0.key, counts: $0.value) }
    }
}
