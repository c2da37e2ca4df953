/// How often each answer was given to one question in one group: what the database's grouped
/// counts turn into before any figure is computed.
public struct QuestionTally: Hashable, Sendable {
    /// Per option key (for multiple choice: how many respondents chose it).
    public private(set) var options: [String: Int] = [:]
    public private(set) var dontKnow = 0
    public private(set) var notApplicable = 0
    /// Respondents who gave any answer to the question, "don't know" and "n.v.t." included.
    public private(set) var respondents = 0
    /// Texts are not tallied (they are coded and reviewed apart); this counts them.
    public private(set) var texts = 0

    public init() {}

    /// A tally from its counts (as `DenseTallies` sums them).
    public init(options: [String: Int], dontKnow: Int, notApplicable: Int, respondents: Int, texts: Int) {
        self.options = options
        self.dontKnow = dontKnow
        self.notApplicable = notApplicable
        self.respondents = respondents
        self.texts = texts
    }

    public mutating func add(_ answer: Answer, count: Int = 1) {
        respondents += count
        switch answer {
        case .option(let key): options[key, default: 0] += count
        case .options(let keys): for key in keys { options[key, default: 0] += count }
        case .number(let value): options[String(value), default: 0] += count
        case .text: texts += count
        case .dontKnow: dontKnow += count
        case .notApplicable: notApplicable += count
        }
    }

    public mutating func merge(_ other: QuestionTally) {
        // The first tally merged into an empty one is taken whole (no key hashed).
        if respondents == 0 && texts == 0 && dontKnow == 0 && notApplicable == 0 && options.isEmpty {
            self = other
            return
        }
        for (key, count) in other.options { options[key, default: 0] += count }
        dontKnow += other.dontKnow
        notApplicable += other.notApplicable
        respondents += other.respondents
        texts += other.texts
    }

    /// What remains of `self` after taking away a part of it (the rest of a filtered group).
    public func subtracting(_ part: QuestionTally) -> QuestionTally {
        var rest = self
        for (key, count) in part.options { rest.options[key, default: 0] -= count }
        rest.dontKnow -= part.dontKnow
        rest.notApplicable -= part.notApplicable
        rest.respondents -= part.respondents
        rest.texts -= part.texts
        return rest
    }
}
