import Foundation

/// Aggregated results of a view as a document (JSON, also the API's answer) and a table (CSV):
/// a group or question with nothing released has `suppressed` set and no figures.
public enum AggregateResults {
    public struct OptionFigure: Codable, Sendable, Equatable {
        public let key: String
        public let count: Int
        public let percentage: Double?

        public init(key: String, count: Int, percentage: Double?) {
            self.key = key
            self.count = count
            self.percentage = percentage
        }
    }

    public struct QuestionFigures: Codable, Sendable, Equatable {
        public let key: String
        public let suppressed: Bool
        public let respondents: Int?
        public let dontKnow: Int?
        public let notApplicable: Int?
        public let mean: Double?
        public let confidenceLow: Double?
        public let confidenceHigh: Double?
        public let percentPositive: Double?
        public let percentNegative: Double?
        public let netPromoterScore: Double?
        public let fewResponses: Bool
        public let options: [OptionFigure]

        public init(
            key: String, suppressed: Bool, respondents: Int?, dontKnow: Int?, notApplicable: Int?, mean: Double?, confidenceLow: Double?,
            confidenceHigh: Double?, percentPositive: Double?, percentNegative: Double?, netPromoterScore: Double?, fewResponses: Bool, options: [OptionFigure]
        ) {
            self.key = key
            self.suppressed = suppressed
            self.respondents = respondents
            self.dontKnow = dontKnow
            self.notApplicable = notApplicable
            self.mean = mean
            self.confidenceLow = confidenceLow
            self.confidenceHigh = confidenceHigh
            self.percentPositive = percentPositive
            self.percentNegative = percentNegative
            self.netPromoterScore = netPromoterScore
            self.fewResponses = fewResponses
            self.options = options
        }
    }

    public struct Group: Codable, Sendable, Equatable {
        public let place: String
        public let name: String
        public let suppressed: Bool
        public let respondents: Int?
        public let questions: [QuestionFigures]

        public init(place: String, name: String, suppressed: Bool, respondents: Int?, questions: [QuestionFigures]) {
            self.place = place
            self.name = name
            self.suppressed = suppressed
            self.respondents = respondents
            self.questions = questions
        }
    }

    public struct Document: Codable, Sendable, Equatable {
        public let questionnaire: String
        public let minimumGroupSize: Int
        public let filter: [String: String]
        public let groups: [Group]

        public init(questionnaire: String, minimumGroupSize: Int, filter: [String: String], groups: [Group]) {
            self.questionnaire = questionnaire
            self.minimumGroupSize = minimumGroupSize
            self.filter = filter
            self.groups = groups
        }
    }

    /// The table as CSV, with a byte-order mark (so Excel reads it as UTF-8): a row per group and
    /// question, then one per answer option. Numbers with a decimal comma when the separator is a
    /// semicolon (Dutch Excel), with a point otherwise.
    public static func csv(_ document: Document, questionTexts: [String: String], separator: Character) -> String {
        let number = { (value: Double?) -> String in
            guard let value else { return "" }
            let text = String(format: "%.4f", value)
            return separator == ";" ? text.replacingOccurrences(of: ".", with: ",") : text
        }
        var csv = "\u{FEFF}"
        csv += CSVLine.make(
            [
                "group", "group_name", "question", "question_text", "answer", "count", "percentage", "respondents", "dont_know", "not_applicable",
                "mean", "ci95_low", "ci95_high", "percent_positive", "percent_negative", "nps", "few_responses", "suppressed",
            ], separator: separator)
        for group in document.groups {
            for question in group.questions {
                let text = questionTexts[question.key] ?? ""
                csv += CSVLine.make(
                    [
                        group.place, group.name, question.key, text, "", "", "", question.respondents.map(String.init) ?? "",
                        question.dontKnow.map(String.init) ?? "", question.notApplicable.map(String.init) ?? "", number(question.mean),
                        number(question.confidenceLow), number(question.confidenceHigh), number(question.percentPositive),
                        number(question.percentNegative), number(question.netPromoterScore), question.fewResponses ? "1" : "0",
                        question.suppressed ? "1" : "0",
                    ], separator: separator)
                for option in question.options {
                    csv += CSVLine.make(
                        [
                            group.place, group.name, question.key, text, option.key, String(option.count), number(option.percentage), "", "", "", "", "", "",
                            "", "", "", "", "0",
                        ], separator: separator)
                }
            }
        }
        return csv
    }
}
