import Foundation

/// Turns a response's answer line into its export cells, fast enough for a hundred thousand
/// responses a second: the line is read as bytes, and the cells of each stored value are worked
/// out once per question and then looked up, since a question has only a few distinct answers.
public struct ExportRowValues: Sendable {
    private let columns: [RespondentColumns.QuestionColumns]
    private let columnOfKey: [String: Int]
    /// Every question's cells as if nobody answered, in column order; each row starts from it.
    private let missing: [ExportValue]
    /// Where each question's cells start in a row (after what came before).
    private let offsets: [Int]
    private var cellsOfValue: [[String: [ExportValue]]]
    /// Per question the stored values met so far as bytes, compared byte for byte: cheaper than
    /// making a string and hashing it, for the handful of answers a question has.
    private var recent: [[(bytes: [UInt8], cells: [ExportValue])]]
    /// Per position in the line, the question met there last time: lines of one version list
    /// the same keys in the same order.
    private var keyAt: [(bytes: [UInt8], column: Int)] = []

    public init(columns: [RespondentColumns.QuestionColumns]) {
        self.columns = columns
        columnOfKey = Dictionary(columns.enumerated().map { ($1.question.key, $0) }, uniquingKeysWith: { first, _ in first })
        let empty = columns.map { RespondentColumns.exportValues(for: nil, $0) }
        missing = empty.flatMap { $0 }
        var offsets: [Int] = []
        var offset = 0
        for cells in empty {
            offsets.append(offset)
            offset += cells.count
        }
        self.offsets = offsets
        cellsOfValue = Array(repeating: [:], count: columns.count)
        recent = Array(repeating: [], count: columns.count)
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        return other.withUnsafeBufferPointer { other in memcmp(bytes.baseAddress! + range.lowerBound, other.baseAddress!, range.count) == 0 }
    }

    /// Appends every question's cells to `values`: from the line, and for open questions from
    /// the reviewed texts only.
    public mutating func append(line: String, texts: [String: Answer]?, to values: inout [ExportValue]) {
        let rowStart = values.count
        values.append(contentsOf: missing)
        var line = line
        line.withUTF8 { bytes in
            AnswerLine.forEachPair(in: bytes) { key, value, position in
                guard !key.isEmpty, let column = column(bytes, key, position: position) else { return }
                let cells = cells(bytes, value, column: column)
                for (index, cell) in cells.enumerated() { values[rowStart + offsets[column] + index] = cell }
            }
        }
        if let texts {
            for (key, answer) in texts {
                guard let column = columnOfKey[key] else { continue }
                for (index, cell) in RespondentColumns.exportValues(for: answer, columns[column]).enumerated() {
                    values[rowStart + offsets[column] + index] = cell
                }
            }
        }
    }

    private mutating func column(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, position: Int) -> Int? {
        if position < keyAt.count, Self.equal(bytes, range, keyAt[position].bytes) { return keyAt[position].column }
        guard let column = columnOfKey[String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)] else { return nil }
        let entry = (bytes: Array(bytes[range]), column: column)
        if position < keyAt.count { keyAt[position] = entry } else if position == keyAt.count { keyAt.append(entry) }
        return column
    }

    private mutating func cells(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, column: Int) -> [ExportValue] {
        for entry in recent[column] where Self.equal(bytes, range, entry.bytes) { return entry.cells }
        let cells = cells(column: column, stored: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
        if recent[column].count < 32 { recent[column].append((Array(bytes[range]), cells)) }
        return cells
    }

    private mutating func cells(column: Int, stored: String) -> [ExportValue] {
        if let known = cellsOfValue[column][stored] { return known }
        // Open-answer text never comes from the line; only reviewed text is exported.
        let answer = columns[column].question.type.isText ? nil : StoredAnswer.decode(stored)
        let cells = RespondentColumns.exportValues(for: answer, columns[column])
        cellsOfValue[column][stored] = cells
        return cells
    }
}
