import Foundation

/// Writes a respondent-level file row by row, as bytes to stream: one writer per format, each
/// fed the same rows (`ExportValue`s in `variables` order).
public protocol RespondentFileWriter {
    /// What comes before the rows; `caseCount` rows are promised.
    mutating func start(caseCount: Int, label: String, date: Date) -> [UInt8]
    mutating func append(_ values: [ExportValue], to chunk: inout [UInt8])
    /// What comes after the rows, `written` of them.
    mutating func finish(written: Int) -> [UInt8]
}

/// CSV: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), a decimal comma with the
/// semicolon.
public struct CSVRespondentWriter: RespondentFileWriter, Sendable {
    let variables: [ExportVariable]
    let separator: Character

    public init(variables: [ExportVariable], separator: Character) {
        self.variables = variables
        self.separator = separator
    }

    public mutating func start(caseCount: Int, label: String, date: Date) -> [UInt8] {
        Array(("\u{FEFF}" + CSVLine.make(variables.map(\.name), separator: separator)).utf8)
    }

    public mutating func append(_ values: [ExportValue], to chunk: inout [UInt8]) {
        chunk += Array(CSVLine.make(values.map { $0.csvText(decimalComma: separator == ";") }, separator: separator).utf8)
    }

    public mutating func finish(written: Int) -> [UInt8] { [] }
}

/// XLSX: the rows, then a sheet with the variables' labels.
public struct XLSXRespondentWriter: RespondentFileWriter, Sendable {
    var writer: XLSXWriter
    let labelsHeader = ["variable", "label", "value", "value_label", "missing"]

    public init(variables: [ExportVariable]) { writer = XLSXWriter(variables: variables) }

    public mutating func start(caseCount: Int, label: String, date: Date) -> [UInt8] { writer.start() }

    public mutating func append(_ values: [ExportValue], to chunk: inout [UInt8]) { chunk += writer.row(values) }

    public mutating func finish(written: Int) -> [UInt8] { writer.finish(labelsHeader: labelsHeader) }
}

/// SPSS `.sav`: the header promises the number of cases.
public struct SAVRespondentWriter: RespondentFileWriter, Sendable {
    let writer: SAVWriter
    var promised = 0

    public init(variables: [ExportVariable]) { writer = SAVWriter(variables: variables) }

    public mutating func start(caseCount: Int, label: String, date: Date) -> [UInt8] {
        promised = caseCount
        return writer.header(caseCount: caseCount, label: label, date: date)
    }

    public mutating func append(_ values: [ExportValue], to chunk: inout [UInt8]) { writer.encode(values, into: &chunk) }

    /// The header promised `caseCount` cases: pad if responses were deleted meanwhile.
    public mutating func finish(written: Int) -> [UInt8] {
        var padding: [UInt8] = []
        for _ in written..<max(written, promised) { padding += writer.encode([]) }
        return padding
    }
}
