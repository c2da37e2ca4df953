import Foundation

/// Numbers as the reader's language writes them: "7,4" in Dutch, "7.4" in English.
public struct ResultFormatting: Sendable {
    public let language: Language

    public init(language: Language) { self.language = language }

    public func decimal(_ value: Double, digits: Int = 1) -> String {
        let text = String(format: "%.\(digits)f", value)
        return language == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    public func percentage(_ value: Double?) -> String {
        guard let value else { return "" }
        return decimal(value, digits: 0) + "%"
    }

    public func signed(_ value: Double, digits: Int = 1) -> String {
        (value > 0 ? "+" : value < 0 ? "−" : "") + decimal(abs(value), digits: digits)
    }

    /// "7,4 (6,9 – 7,9)": a mean with its 95% interval.
    public func meanWithInterval(_ summary: SampleSummary?) -> String {
        guard let summary, let mean = summary.mean else { return "" }
        guard let interval = summary.confidenceInterval95 else { return decimal(mean) }
        return "\(decimal(mean)) (\(decimal(interval.lowerBound)) – \(decimal(interval.upperBound)))"
    }
}
