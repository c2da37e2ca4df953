import Fluent
import Foundation
import MeedenkenCore
import MeedenkenStore

/// Made-up responses for the demo, the tests and the benchmark: plausible answers (each team a
/// little better or worse than the next), spread over teams, channels and days, inserted in
/// multi-row statements. Never used on real data. Some open questions get one of a few sample
/// texts (our own words), to review in the demo.
struct SyntheticResponses {
    struct Plan {
        var count: Int
        var teams: [UUID]
        var firstDay: Date
        var days: Int
        var seed: UInt64 = 1
        /// Shifts every answer towards the favourable end (positive) or the other (negative).
        var tilt: Double = 0
    }

    let versionID: UUID
    let definition: QuestionnaireDefinition
    /// The organisation's calendar, for the day each made-up response falls on.
    let calendar: OrganisationCalendar

    /// Stored as respondents' responses are (`Store.storeResponses`), in batches of 500, each one
    /// transaction: the responses, their open answers and their counts together. Fails loudly on
    /// a database without SQL.
    func insert(_ plan: Plan, on database: any Database) async throws {
        let store = try Store(database, for: "made-up responses")
        var random = SplitMix(seed: plan.seed)
        let questions = definition.questions
        let batch = 500
        var done = 0
        while done < plan.count {
            let size = min(batch, plan.count - done)
            var responses: [NewResponse] = []
            for _ in 0..<size {
                let teamIndex = plan.teams.isEmpty ? nil : Int(random.next() % UInt64(plan.teams.count))
                let channelRoll = random.unit()
                let channel = channelRoll < 0.7 || teamIndex == nil ? "invitation" : channelRoll < 0.9 ? "open_link" : "paper"
                let team = channel == "open_link" ? nil : teamIndex.map { plan.teams[$0] }
                let day = plan.firstDay.addingTimeInterval(Double(random.next() % UInt64(max(1, plan.days))) * 86_400)
                let language = random.unit() < 0.9 ? "nl" : "en"
                let ageBand: String? =
                    definition.audience == .youth12plus ? (random.unit() < 0.6 ? "12-15" : "16-17") : definition.audience == .child8to11 ? "8-11" : nil
                var answers: [(key: String, value: String)] = []
                // Teams differ a little, so breakdowns have something to show.
                let teamShift = teamIndex.map { Double($0) / Double(max(1, plan.teams.count - 1)) - 0.5 } ?? 0
                for question in questions {
                    if !question.required && random.unit() < 0.04 { continue }
                    if let answer = answer(question, shift: teamShift * 0.3 + plan.tilt, random: &random) {
                        answers.append((key: question.key, value: StoredAnswer.encode(answer)))
                    }
                }
                responses.append(
                    NewResponse(
                        draft: nil, versionID: versionID, submittedOn: calendar.day(day), language: language, channel: channel,
                        respondentRole: definition.audience.rawValue, teamID: team, ageBand: ageBand, answers: answers))
            }
            _ = try await store.storeResponses(responses, from: .madeUp)
            done += size
        }
    }

    static let sampleTexts = [
        "Mijn jeugdbeschermer was goed bereikbaar en belde altijd terug.", "Ik kreeg te weinig uitleg over wat er ging gebeuren.",
        "Het duurde lang voordat er hulp kwam.", "Petra heeft ons echt geholpen, bedankt!", "Graag vaker samen beslissen over wat er gebeurt.",
        "Fijn dat er naar mijn mening werd geluisterd.", "De brieven waren onduidelijk.", "Meer contact met school zou helpen.",
    ]

    private func answer(_ question: Question, shift: Double, random: inout SplitMix) -> Answer? {
        if question.type.isText {
            return random.unit() < 0.15 ? .text(Self.sampleTexts[Int(random.next() % UInt64(Self.sampleTexts.count))]) : nil
        }
        if question.allowsDontKnow && random.unit() < 0.06 { return .dontKnow }
        if question.allowsNotApplicable && random.unit() < 0.03 { return .notApplicable }
        let options = question.answerOptions.map(\.key).filter { $0 != StandardScales.friendsAndFamilyDontKnow.key }
        guard !options.isEmpty else { return nil }
        switch question.type {
        case .multipleChoice:
            let chosen = options.filter { _ in random.unit() < 0.35 }
            return .options(chosen.isEmpty ? [options[0]] : chosen)
        case .singleChoice:
            return .option(options[Int(random.next() % UInt64(options.count))])
        case .reportMark, .recommendation:
            // Mostly favourable, as satisfaction answers usually are.
            let position = skewed(shift: shift, random: &random)
            let range = question.type.numericRange ?? 0...10
            return .number(range.lowerBound + Int((position * Double(range.count - 1)).rounded()))
        default:
            let position = skewed(shift: shift, random: &random)
            return .option(options[min(options.count - 1, Int(position * Double(options.count)))])
        }
    }

    /// A number in 0..<1 leaning towards 1, moved by `shift`.
    private func skewed(shift: Double, random: inout SplitMix) -> Double {
        let base = max(random.unit(), random.unit())
        return min(0.999, max(0, base + shift * random.unit()))
    }
}
