import Foundation
import Testing

@testable import MeedenkenCore

@Suite("Counting responses for the tallies")
struct ResultTalliesTests {
    private let version = UUID()

    private func key(team: UUID? = nil, on day: String) -> ResultTallies.Key {
        ResultTallies.Key(versionID: version, teamID: team, role: "parent", ageBand: nil, language: "nl", channel: "open_link", submittedOn: day)
    }

    @Test func aKeyHoldsTheMonthAndNoNullAndTheTotalsDropTheMonth() {
        let team = UUID()
        let counted = key(team: team, on: "2026-05-12")
        #expect(counted.month == "2026-05" && counted.team == team.uuidString.lowercased() && counted.ageBand == "-")
        #expect(key(on: "2026-05-12").team == "")
        #expect(counted.withoutMonth.month == "" && counted.withoutMonth == key(team: team, on: "2026-11-02").withoutMonth)
    }

    /// Responses are counted per key, open answers only as "an open answer", and the keys come in
    /// one order whatever order the responses came in (two instances then lock counts alike).
    @Test func aBatchIsCountedPerKeyInOneOrder() {
        let may = key(on: "2026-05-12")
        let june = key(on: "2026-06-01")
        let responses: [ResultTallies.Counted] = [
            .init(key: june, answers: [("cijfer", "number:7")]),
            .init(key: may, answers: [("cijfer", "number:7"), ("beter", "text:Meer tijd")]),
            .init(key: may, answers: [("cijfer", "number:8"), ("beter", "text:Iets anders")]),
        ]
        let counts = ResultTallies.counts(of: responses)
        #expect(counts.map(\.key) == [may, june])
        #expect(ResultTallies.counts(of: responses.reversed()).map(\.key) == [may, june])
        #expect(counts[0].counts.respondents == 2 && counts[1].counts.respondents == 1)
        #expect(
            counts[0].counts.answers == [
                .init(question: "cijfer", value: "number:7"): 1, .init(question: "cijfer", value: "number:8"): 1,
                .init(question: "beter", value: "text:"): 2,
            ])
    }
}

/// The answer line has one reader (`AnswerLine.forEachPair`); the respondent export and
/// everything else read it through that, and get the same pairs.
@Suite struct AnswerLineTests {
    @Test func theOneReaderGivesEveryPairInOrderAndSkipsWhatIsNoPair() {
        let line = AnswerLine.make([("b", "option:ja"), ("a", "number:7"), ("c", "text:not kept"), ("d", "options:x,y")])
        #expect(line == "a=number:7\u{1F}b=option:ja\u{1F}d=options:x,y", "sorted, open answers left out")
        #expect(AnswerLine.pairs(line).map { "\($0.key)|\($0.value)" } == ["a|number:7", "b|option:ja", "d|options:x,y"])
        let odd = "a=1\u{1F}zonder\u{1F}\u{1F}b=é=2"
        #expect(AnswerLine.pairs(odd).map { "\($0.key)|\($0.value)" } == ["a|1", "b|é=2"], "a part without = is skipped; a value may hold =")
        var positions: [Int] = []
        var text = odd
        text.withUTF8 { bytes in AnswerLine.forEachPair(in: bytes) { _, _, position in positions.append(position) } }
        #expect(positions == [0, 3], "positions count every part, so a version's lines line up")
        #expect(AnswerLine.parse(line) == ["a": .number(7), "b": .option("ja"), "d": .options(["x", "y"])])
        #expect(AnswerLine.keeping(line) { $0 != "b" } == "a=number:7\u{1F}d=options:x,y")
    }
}
