import Foundation

/// Writes an SPSS system file (`.sav`, uncompressed, little-endian, UTF-8) case by case, so an
/// export of any size needs memory for one case only. The layout follows the format as PSPP
/// documents it: header, variable records, value labels, machine info, long names, encoding,
/// then the data. Readable by SPSS, PSPP and `pyreadstat`.
public struct SAVWriter: Sendable {
    public let variables: [ExportVariable]
    private let shortNames: [String]
    /// 8-byte slots per variable (strings take one per 8 bytes of width).
    private let slots: [Int]

    public init(variables: [ExportVariable]) {
        self.variables = variables
        shortNames = variables.indices.map { String(format: "V%05d", $0 + 1) }
        slots = variables.map { variable in
            if case .string(let width) = variable.kind { return (max(1, min(255, width)) + 7) / 8 }
            return 1
        }
    }

    /// Everything before the first case. `caseCount` must be the number of cases that follow.
    public func header(caseCount: Int, label: String, date: Date) -> [UInt8] {
        var out = ByteWriter()
        out.text("$FL2", width: 4)
        out.text("@(#) SPSS DATA FILE Meedenken", width: 60)
        out.int32(2)
        out.int32(Int32(slots.reduce(0, +)))
        out.int32(0)  // no compression
        out.int32(0)  // no weight variable
        out.int32(Int32(caseCount))
        out.double(100)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "dd MMM yy"
        out.text(formatter.string(from: date), width: 9)
        formatter.dateFormat = "HH:mm:ss"
        out.text(formatter.string(from: date), width: 8)
        out.text(label.utf8Prefix(64), width: 64)
        out.text("", width: 3)

        for (index, variable) in variables.enumerated() {
            let width: Int
            if case .string(let stringWidth) = variable.kind { width = max(1, min(255, stringWidth)) } else { width = 0 }
            out.int32(2)
            out.int32(Int32(width))
            out.int32(1)  // has a label
            out.int32(width == 0 ? Int32(variable.missingValues.count) : 0)
            // F8.0 for numbers (every numeric variable holds whole-number codes), A<width> for text.
            let format: Int32 = width == 0 ? (5 << 16) | (8 << 8) : (1 << 16) | (Int32(width) << 8)
            out.int32(format)
            out.int32(format)
            out.text(shortNames[index], width: 8)
            let label = Array(variable.label.utf8Prefix(255).utf8)
            out.int32(Int32(label.count))
            out.bytes(label)
            out.pad(to: 4, length: label.count)
            if width == 0 { for missing in variable.missingValues { out.double(missing) } }
            for _ in 1..<slots[index] {
                out.int32(2)
                out.int32(-1)
                for _ in 0..<4 { out.int32(0) }
                out.text("", width: 8)
            }
        }

        // Value labels: one record pair per variable that has them.
        var slotIndex = 1
        for (index, variable) in variables.enumerated() {
            defer { slotIndex += slots[index] }
            guard variable.kind == .numeric, !variable.valueLabels.isEmpty else { continue }
            out.int32(3)
            out.int32(Int32(variable.valueLabels.count))
            for (value, text) in variable.valueLabels {
                out.double(value)
                let label = Array(text.utf8Prefix(120).utf8)
                out.bytes([UInt8(label.count)])
                out.bytes(label)
                out.pad(to: 8, length: label.count + 1)
            }
            out.int32(4)
            out.int32(1)
            out.int32(Int32(slotIndex))
        }

        // Machine integer info: version, IEEE doubles, little-endian, UTF-8 (code page 65001).
        out.int32(7)
        out.int32(3)
        out.int32(4)
        out.int32(8)
        for value: Int32 in [1, 0, 0, -1, 1, 1, 2, 65001] { out.int32(value) }
        // Machine floating-point info: system missing, highest, lowest.
        out.int32(7)
        out.int32(4)
        out.int32(8)
        out.int32(3)
        out.double(-Double.greatestFiniteMagnitude)
        out.double(Double.greatestFiniteMagnitude)
        out.double(-Double.greatestFiniteMagnitude.nextDown)
        // Long variable names.
        let longNames = Array(zip(shortNames, variables).map { "\($0)=\($1.name.utf8Prefix(64))" }.joined(separator: "\t").utf8)
        out.int32(7)
        out.int32(13)
        out.int32(1)
        out.int32(Int32(longNames.count))
        out.bytes(longNames)
        // Character encoding.
        let encoding = Array("UTF-8".utf8)
        out.int32(7)
        out.int32(20)
        out.int32(1)
        out.int32(Int32(encoding.count))
        out.bytes(encoding)
        // End of the dictionary.
        out.int32(999)
        out.int32(0)
        return out.bytes
    }

    /// One case, values in the order of `variables`.
    public func encode(_ values: [ExportValue]) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(values, into: &bytes)
        return bytes
    }

    /// One case, appended to `bytes` (no copy per case when streaming many).
    public func encode(_ values: [ExportValue], into bytes: inout [UInt8]) {
        var out = ByteWriter(bytes: bytes)
        bytes = []
        defer { bytes = out.bytes }
        for (index, variable) in variables.enumerated() {
            let value = index < values.count ? values[index] : .missing
            switch variable.kind {
            case .numeric:
                if case .number(let number) = value { out.double(number) } else { out.double(-Double.greatestFiniteMagnitude) }
            case .string:
                var text = ""
                if case .text(let string) = value {
                    text = string
                } else if case .number(let number) = value {
                    text = ExportValue.number(number).csvText(decimalComma: false)
                }
                out.text(text.utf8Prefix(slots[index] * 8), width: slots[index] * 8)
            }
        }
    }
}

/// Little-endian bytes.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int32(_ value: Int32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func uint32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func uint16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func bytes(_ values: [UInt8]) { bytes.append(contentsOf: values) }

    /// Text padded with spaces (or cut) to exactly `width` bytes.
    mutating func text(_ value: String, width: Int) {
        let encoded = Array(value.utf8.prefix(width))
        bytes.append(contentsOf: encoded)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - encoded.count))
    }

    /// Zero bytes so that `length` becomes a multiple of `multiple`.
    mutating func pad(to multiple: Int, length: Int) {
        let remainder = length % multiple
        if remainder != 0 { bytes.append(contentsOf: repeatElement(0, count: multiple - remainder)) }
    }
}
